// Builds the dashboard app for browser tests as `npm run build:dashboard` does, from source every
// time (a clean clone has no dist/, and a stale one would test old code), into a temporary folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const viteConfig = fileURLToPath(new URL('../../dashboard/vite.config.ts', import.meta.url));

/** Builds the app into a new temporary folder and returns it (the caller removes it). */
export async function buildDashboardApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'jq-dashboard-app-'));
  // Vitest sets NODE_ENV=test, which makes Vite pick packages' development builds (Lit's dev mode).
  // Test what users get: a production build.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: viteConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}
