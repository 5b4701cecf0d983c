// Reads the human-edited content file: YAML syntax, then the schema, with every problem mapped
// back to the line and column an editor can jump to. Parsing is pure; loading adds the disk.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ContentSchema, type Content } from './content-schema.js';
import { ContentFileError, type ContentIssue } from './errors.js';

type FieldPath = readonly PropertyKey[];

/** `resources[2].quote.text` from ['resources', 2, 'quote', 'text']. */
export function formatFieldPath(path: FieldPath): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

// Messages for the mistakes people make most, in their words rather than the schema's.
const friendlyMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    const expected: Record<string, string> = { string: 'text', array: 'a list', object: 'a map of fields', boolean: 'true or false', number: 'a number' };
    return `must be ${expected[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling)`;
  return undefined;
};

/** The node a field path points to, or the nearest enclosing node that exists (a missing field points at its parent). */
function nodeAt(doc: Document, path: FieldPath): { range?: [number, number, number] | null } | null {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node)) return node;
  }
  return null;
}

/** For an unknown field, the key itself is the useful place to point at. */
function keyNodeAt(doc: Document, path: FieldPath, key: string): { range?: [number, number, number] | null } | null {
  const parent: unknown = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (!isMap(parent)) return null;
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
  return pair && isScalar(pair.key) ? pair.key : null;
}

/** A parsed content file, with a way to point at any of its fields. */
export interface ParsedContent {
  content: Content;
  /** Line and column (1-based) of a field, for problems found after parsing. */
  locate(path: FieldPath): { line: number; column: number };
}

/**
 * Parses and validates the text of a content file. `file` only names it in messages.
 * Throws ContentFileError listing every problem found, each with line, column and field.
 */
export function parseContentFile(source: string, file: string): ParsedContent {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  const position = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new ContentFileError(
      file,
      doc.errors.map((error) => ({
        line: error.linePos?.[0].line ?? 1,
        column: error.linePos?.[0].col ?? 1,
        path: '',
        // The library appends the position and a code excerpt; the position is in the prefix already.
        message: `YAML syntax: ${(error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  const locate = (path: FieldPath) => position(nodeAt(doc, path)?.range?.[0]);
  const parsed = ContentSchema.safeParse(doc.toJS(), { error: friendlyMessage });
  if (!parsed.success) {
    const issues: ContentIssue[] = parsed.error.issues.map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const where = key !== undefined ? position((keyNodeAt(doc, issue.path, key) ?? nodeAt(doc, issue.path))?.range?.[0]) : locate(issue.path);
      return { ...where, path: formatFieldPath(issue.path), message: issue.message };
    });
    issues.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ContentFileError(file, issues);
  }
  return { content: parsed.data, locate };
}

/**
 * Reads, parses and validates the content file at `path`, and checks that every image it names
 * exists beside it. Image paths in the result are absolute.
 */
export function loadContentFile(path: string): Content {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new ContentFileError(path, [{ line: 1, column: 1, path: '', message: `cannot read the content file: ${reason}. Set SHAREABLES_FILE to the campaign's content file.` }]);
  }
  const { content, locate } = parseContentFile(source, path);
  const base = dirname(path);
  const missing: ContentIssue[] = [];
  const absolute = <T extends { src: string }>(image: T | undefined, at: FieldPath): T | undefined => {
    if (!image) return image;
    const file = resolve(base, image.src);
    if (!existsSync(file)) missing.push({ ...locate([...at, 'src']), path: formatFieldPath([...at, 'src']), message: `image file not found: ${file}` });
    return { ...image, src: file };
  };
  const resolved: Content = {
    ...content,
    campaign: { ...content.campaign, image: absolute(content.campaign.image, ['campaign', 'image']) },
    resources: content.resources.map((item, index) => ({ ...item, image: absolute(item.image, ['resources', index, 'image']) })),
  };
  if (missing.length > 0) throw new ContentFileError(path, missing);
  return resolved;
}
