import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web UI's build (issue 7). `npm run build:web` writes src/web/dist/, which `salvo serve` serves at `/`.
 * `vite --config src/web/vite.config.ts` is the dev server; it proxies /api, /health and /ready to a running
 * `salvo serve` (SALVO_API, default http://127.0.0.1:8080). SALVO_WEB_BENCH=1 adds the benchmark page.
 */
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const api = process.env.SALVO_API ?? 'http://127.0.0.1:8080';
const proxy = { '/api': api, '/health': api, '/ready': api };

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  // The contract's schemas import the kernel with NodeNext-style `.js` specifiers; Vite maps them to `.ts`.
  build: {
    outDir: process.env.SALVO_WEB_OUT ?? here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: {
        main: here('index.html'),
        ...(process.env.SALVO_WEB_BENCH === '1' ? { bench: here('bench.html') } : {}),
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
