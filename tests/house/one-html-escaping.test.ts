// Untrusted text is made safe in one place (core/html-text.ts): a second copy of the escaping or of
// the link check could drift from it and let markup or a script link through where the copy is used.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIPPED = new Set(['node_modules', 'dist', 'tests', '.git']);
const DEFINITION = /\bfunction\s+(escapeHtml|safeHttpUrl)\s*\(|\b(escapeHtml|safeHttpUrl)\s*=\s*(\([^)]*\)|\w+)\s*=>/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('one html escaping', () => {
  test('escapeHtml and safeHttpUrl are defined only in core/html-text.ts', () => {
    const defining = sourceFiles(ROOT)
      .filter((file) => DEFINITION.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
    expect(defining).toEqual(['core/html-text.ts']);
  });
});
