// Status HTML from any fediverse server reduced to plain text and outgoing links.
import { describe, expect, test } from 'vitest';
import { statusText } from '../../collector/networks/mastodon/mastodon-html.js';

describe('statusText', () => {
  test('markup a remote server may send is reduced to its text, headings keep their case and entities are decoded', () => {
    const { text } = statusText('<h1>Big News</h1><p>It&#39;s here: <b>bold</b> <i>it</i></p><ul><li>one</li><li>two</li></ul><blockquote><p>quoted</p></blockquote>');
    expect(text).toBe("Big News\n\nIt's here: bold it\n\n * one\n * two\n\n> quoted");
  });

  test('markup the author typed as text stays text', () => {
    expect(statusText('<p>&lt;img src=x onerror=alert(1)&gt; typed literally</p>').text).toBe('<img src=x onerror=alert(1)> typed literally');
  });

  test('active content contributes nothing', () => {
    const { text, links } = statusText('<p>a<script>alert(1)</script><style>p{}</style><img src="x" alt="alt" onerror="alert(2)">b</p>');
    expect(text).toBe('ab');
    expect(links).toEqual([]);
  });

  test('only ordinary web links are listed, each once, without mentions, hashtags or other schemes', () => {
    const html =
      '<p><a href="javascript:alert(1)">click</a> <a href="mailto:x@y.z">mail</a> <a href="https://a.example/x">a</a> ' +
      '<a href="https://a.example/x">again</a> <a href="https://other.example/@bob">@bob</a> ' +
      '<a href="https://h.example/tags/x" class="mention hashtag" rel="tag">#x</a> <a href="http://b.example/">b</a></p>';
    // A server that marks mentions up without Mastodon's classes is covered by the status's own mention list.
    expect(statusText(html, ['https://other.example/@bob']).links).toEqual(['https://a.example/x', 'http://b.example/']);
  });

  test('empty content is empty text', () => {
    expect(statusText('')).toEqual({ text: '', links: [] });
  });
});
