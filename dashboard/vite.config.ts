// Builds the dashboard app (dashboard/app) into dist/dashboard-app, which the dashboard server serves.
// `vite --config dashboard/vite.config.ts` serves the app in development and forwards /api to a
// running `jobquality serve` on 127.0.0.1:8080.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const appRoot = fileURLToPath(new URL('./app', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/dashboard-app', import.meta.url));

export default defineConfig({
  root: appRoot,
  base: '/',
  publicDir: 'public',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // The server's CSP allows same-origin files and data: images only; small assets may inline as data: URLs, scripts never inline.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': 'http://127.0.0.1:8080',
    },
  },
  preview: {
    host: '127.0.0.1',
  },
});
