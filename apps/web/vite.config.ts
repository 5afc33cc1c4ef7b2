import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API serves the built app from the same origin in production; in development Vite
// proxies /api to it.
export default defineConfig({
  root,
  base: '/',
  resolve: {
    // `#domain/roles` (one module) keeps survey-core out of the facilitator shell; `#domain` is everything.
    alias: [
      { find: /^#domain\/(.*)$/, replacement: fileURLToPath(new URL('../../libs/domain/src/', import.meta.url)) + '$1.ts' },
      { find: /^#domain$/, replacement: fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)) },
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    // No data: URIs (fonts, images): the CSP allows only 'self'.
    assetsInlineLimit: 0,
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
