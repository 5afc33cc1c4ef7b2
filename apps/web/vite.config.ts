import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API serves the built app from the same origin in production; in development Vite
// proxies /api to it.
export default defineConfig({
  root,
  base: '/',
  resolve: {
    alias: { '#domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)) },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
