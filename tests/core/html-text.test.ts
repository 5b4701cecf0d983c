// The one HTML escaping the report, its email and the action page share.
import { describe, expect, test } from 'vitest';
import { escapeHtml, safeHttpUrl } from '../../core/html-text.js';

describe('html-text', () => {
  test('markup characters in untrusted text show as themselves, inside elements and quoted attributes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'quoted'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
  });

  test('only absolute http and https URLs are kept as links', () => {
    expect(safeHttpUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHttpUrl('/relative/path')).toBeNull();
  });
});
