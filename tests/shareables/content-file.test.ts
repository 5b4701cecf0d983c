// The content file: the sample validates, and each kind of mistake is reported at its line and column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadContentFile, parseContentFile } from '../../shareables/content-file.js';
import { ContentFileError, type ContentIssue } from '../../shareables/errors.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';

const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;

const VALID = `campaign:
  name: fixwork
  title: Fix work, not workers
  description: Ready-made posts.
  hashtags: ["#JobQuality", FixWork]
resources:
  - id: riverside-care
    kind: exemplar
    title: Riverside Home Care
    url: https://example.org/riverside
    summary: Care workers own the co-op.
    quote:
      text: We fixed the rota.
      attribution: Amara Osei
templates:
  exemplar:
    - id: spotlight
      forms:
        - "{title}: {summary}"
`;

/** The issues a source raises, or fails the test when it parses. */
function issuesOf(source: string): readonly ContentIssue[] {
  try {
    parseContentFile(source, 'content.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentFileError);
    return (error as ContentFileError).issues;
  }
  throw new Error('expected the content file to be refused');
}

/** The 1-based line of the `nth` line (default first) containing `needle`. */
function lineOf(source: string, needle: string, nth = 1): number {
  const lines = source.split('\n').flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  const line = lines[nth - 1];
  if (line === undefined) throw new Error(`"${needle}" is not in the source ${nth} times`);
  return line;
}

const folder = tempFolderPerTest('jq-content-');

describe('content file', () => {
  test('the shipped sample content is valid and marks its unconfirmed links as examples', () => {
    const content = loadContentFile(SAMPLE);
    expect(content.resources.length).toBeGreaterThanOrEqual(4);
    expect(new Set(content.resources.map((resource) => resource.kind))).toEqual(new Set(['exemplar', 'tool', 'conversation', 'research']));
    expect(content.resources.every((resource) => resource.example)).toBe(true);
  });

  test('a valid file parses, with hashtags stripped of their #', () => {
    const { content } = parseContentFile(VALID, 'content.yaml');
    expect(content.campaign.hashtags).toEqual(['JobQuality', 'FixWork']);
    expect(content.resources[0]?.example).toBe(false);
  });

  test('a bad URL is reported at its line and column with the field path', () => {
    const source = VALID.replace('url: https://example.org/riverside', 'url: example.org/riverside');
    const [issue] = issuesOf(source);
    expect(issue).toMatchObject({ line: lineOf(source, 'url: example.org'), column: 10, path: 'resources[0].url' });
    expect(issue?.message).toContain('http(s) URL');
  });

  test('a missing required field is reported on the item that lacks it', () => {
    const source = VALID.replace('    summary: Care workers own the co-op.\n', '');
    const [issue] = issuesOf(source);
    expect(issue).toMatchObject({ line: lineOf(source, '- id: riverside-care'), path: 'resources[0].summary', message: 'is required' });
  });

  test('a misspelt field is reported at the misspelt key', () => {
    const source = VALID.replace('    summary:', '    sumary:');
    const issues = issuesOf(source);
    expect(issues).toContainEqual(expect.objectContaining({ line: lineOf(source, 'sumary:'), column: 5, path: 'resources[0]', message: expect.stringContaining('"sumary"') }));
  });

  test('an unknown kind lists the kinds there are', () => {
    const source = VALID.replace('kind: exemplar', 'kind: podcast');
    const [issue] = issuesOf(source);
    expect(issue).toMatchObject({ line: lineOf(source, 'kind: podcast'), path: 'resources[0].kind' });
    expect(issue?.message).toBe('must be one of: exemplar, tool, conversation, research');
  });

  test('an unknown placeholder and a {url} placeholder are reported in the template', () => {
    const source = VALID.replace('        - "{title}: {summary}"', '        - "{title}: {sumary}"\n        - "{title} {url}"');
    const issues = issuesOf(source);
    expect(issues).toEqual([
      expect.objectContaining({ line: lineOf(source, '{sumary}'), path: 'templates.exemplar[0].forms[0]', message: expect.stringContaining('unknown placeholder {sumary}') }),
      expect.objectContaining({ line: lineOf(source, '{url}'), path: 'templates.exemplar[0].forms[1]', message: expect.stringContaining('link is added') }),
    ]);
  });

  test('two resources with one id are reported at the second', () => {
    const second = VALID.slice(VALID.indexOf('  - id: riverside-care'), VALID.indexOf('templates:')).replace('Riverside Home Care', 'Another');
    const source = VALID.replace('templates:', `${second}templates:`);
    const issues = issuesOf(source);
    expect(issues).toEqual([expect.objectContaining({ path: 'resources[1].id', line: lineOf(source, '- id: riverside-care', 2), column: 9, message: expect.stringContaining('already the id of resources[0]') })]);
  });

  test('a resource whose kind has no templates says which templates to add', () => {
    const source = VALID.replace('kind: exemplar', 'kind: research');
    expect(issuesOf(source)).toEqual([expect.objectContaining({ path: 'resources[0].kind', line: lineOf(source, 'kind: research'), message: expect.stringContaining('add templates.research') })]);
  });

  test('a YAML syntax error is reported at its position without the parser\'s code excerpt', () => {
    const source = VALID.replace('  hashtags: ["#JobQuality", FixWork]', '  hashtags: ["#JobQuality", FixWork');
    const [issue] = issuesOf(source);
    expect(issue?.message).toMatch(/^YAML syntax: /);
    expect(issue?.message).not.toContain('\n');
    expect(issue?.line).toBeGreaterThanOrEqual(lineOf(source, 'hashtags:'));
  });

  test('every problem is reported at once, in file order', () => {
    const source = VALID.replace('name: fixwork', 'name: Fix Work').replace('url: https://example.org/riverside', 'url: nowhere');
    const issues = issuesOf(source);
    expect(issues.map((issue) => issue.path)).toEqual(['campaign.name', 'resources[0].url']);
    expect(issues[0]!.line).toBeLessThan(issues[1]!.line);
  });

  test('an image from another site is refused because the page loads nothing from elsewhere', () => {
    const source = VALID.replace('    quote:', '    image:\n      src: https://cdn.example.org/a.png\n      alt: A photo\n    quote:');
    expect(issuesOf(source)).toEqual([expect.objectContaining({ path: 'resources[0].image.src', line: lineOf(source, 'src: https://cdn'), message: expect.stringContaining('relative to the content file') })]);
  });

  test('loading reports an image file that does not exist, at its line', () => {
    const source = VALID.replace('    quote:', '    image:\n      src: images/missing.png\n      alt: A photo\n    quote:');
    const file = join(folder(), 'content.yaml');
    writeFileSync(file, source);
    expect(() => loadContentFile(file)).toThrow(ContentFileError);
    try {
      loadContentFile(file);
    } catch (error) {
      expect((error as ContentFileError).issues).toEqual([expect.objectContaining({ line: lineOf(source, 'images/missing.png'), path: 'resources[0].image.src' })]);
      expect((error as Error).message).toContain(`${file}:${lineOf(source, 'images/missing.png')}:`);
    }
  });

  test('loading resolves image paths against the content file\'s folder', () => {
    const source = VALID.replace('    quote:', '    image:\n      src: pic.svg\n      alt: A picture\n    quote:');
    writeFileSync(join(folder(), 'pic.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(folder(), 'content.yaml'), source);
    expect(loadContentFile(join(folder(), 'content.yaml')).resources[0]?.image?.src).toBe(join(folder(), 'pic.svg'));
  });

  test('a missing content file says which setting names it', () => {
    expect(() => loadContentFile(join(folder(), 'nope.yaml'))).toThrow(/does not exist.*SHAREABLES_FILE/);
  });
});
