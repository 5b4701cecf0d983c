#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (prepare) and `npm start`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('jobquality: the compiled CLI is missing (dist/). Run `npm install` or `npm run build` in the checkout first.');
  process.exit(1);
}
await import(entry.href);
