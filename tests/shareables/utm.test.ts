// UTM tagging of resource links: tags added, everything else about the link kept.
import { describe, expect, test } from 'vitest';
import { addUtmTags, readUtmContent } from '../../shareables/utm.js';

const tags = { source: 'bluesky', campaign: 'fixwork', content: 'riverside-care.spotlight' } as const;

describe('utm tags', () => {
  test('a plain link gets source, medium, campaign and content', () => {
    const tagged = new URL(addUtmTags('https://example.org/guide', tags));
    expect(tagged.origin + tagged.pathname).toBe('https://example.org/guide');
    expect(Object.fromEntries(tagged.searchParams)).toEqual({
      utm_source: 'bluesky',
      utm_medium: 'social',
      utm_campaign: 'fixwork',
      utm_content: 'riverside-care.spotlight',
    });
  });

  test('existing query parameters and the fragment are kept', () => {
    const tagged = addUtmTags('https://example.org/tools/checklist?format=pdf&lang=en#section-2', tags);
    const url = new URL(tagged);
    expect(url.searchParams.get('format')).toBe('pdf');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('utm_content')).toBe('riverside-care.spotlight');
    expect(url.hash).toBe('#section-2');
    expect(tagged.startsWith('https://example.org/tools/checklist?format=pdf&lang=en&utm_source=')).toBe(true);
  });

  test('existing parameters keep their exact spelling, valueless flags and encoded spaces included', () => {
    const tagged = addUtmTags('https://example.org/search?flag&q=fair%20work&x=a+b', tags);
    expect(tagged).toMatch(/^https:\/\/example\.org\/search\?flag&q=fair%20work&x=a\+b&utm_source=bluesky&/);
  });

  test('utm tags already on the link are replaced, not repeated', () => {
    const tagged = new URL(addUtmTags('https://example.org/?utm_source=newsletter&utm_campaign=old&id=7', tags));
    expect(tagged.searchParams.getAll('utm_source')).toEqual(['bluesky']);
    expect(tagged.searchParams.getAll('utm_campaign')).toEqual(['fixwork']);
    expect(tagged.searchParams.get('id')).toBe('7');
  });

  test('a fragment that looks like a query stays in the fragment', () => {
    const tagged = new URL(addUtmTags('https://example.org/page#/route?tab=2', tags));
    expect(tagged.hash).toBe('#/route?tab=2');
    expect(tagged.searchParams.get('tab')).toBeNull();
  });

  test('utm_content and utm_campaign are read back from a tagged link', () => {
    expect(readUtmContent(addUtmTags('https://example.org/a?b=1#c', tags))).toEqual({ content: 'riverside-care.spotlight', campaign: 'fixwork' });
    expect(readUtmContent('https://example.org/a?b=1')).toBeNull();
    expect(readUtmContent('not a url')).toBeNull();
  });
});
