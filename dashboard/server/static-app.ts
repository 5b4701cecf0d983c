// Serves the built single-page app: files from the Vite output folder, hashed assets cached for a
// year, everything else revalidated, and index.html for client-side routes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

// Vite names built assets after their content hash: a changed file gets a new name.
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const cacheControl: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status !== 200) return;
  c.res.headers.set('Cache-Control', HASHED_ASSET.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache');
};

/** Middleware serving `staticDir`, with the index.html fallback for paths without a file extension. */
export function staticApp(staticDir: string): MiddlewareHandler[] {
  const files = serveStatic({ root: staticDir });
  const indexHtml = serveStatic({ root: staticDir, path: 'index.html' });
  const fallback: MiddlewareHandler = async (c, next) => {
    // A path that names a file (has an extension) and was not found is a 404, not the app.
    const last = c.req.path.split('/').at(-1) ?? '';
    if (last.includes('.')) return next();
    return indexHtml(c, next);
  };
  return [cacheControl, files, fallback];
}

/** Whether a built app is there to serve. */
export function hasBuiltApp(staticDir: string | null): staticDir is string {
  return staticDir !== null && existsSync(join(staticDir, 'index.html'));
}
