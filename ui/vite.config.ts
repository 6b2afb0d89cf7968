// Vite build of the AgendaPack UI. Everything is bundled (no CDN), the pdf.js worker is emitted
// as its own file so a strict CSP (script-src 'self') holds. `/api` is proxied to a running
// `agendapack serve` during `npm run dev` (AGENDAPACK_API, default http://127.0.0.1:8787).
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The seed documents beside the checkout. Vite checks a file's real path, so when `../shared`
// is a symbolic link (as a CI machine may make it) its target must be allowed as well.
const shared = fileURLToPath(new URL('../../shared', import.meta.url));
const sharedDirs = existsSync(shared) ? [shared, realpathSync(shared)] : [shared];

export default defineConfig({
  plugins: [svelte()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': process.env.AGENDAPACK_API ?? 'http://127.0.0.1:8787' },
    // Tests read the demo's papers (../assets/demo) and the seed documents (../../shared/seeds).
    fs: process.env.VITEST ? { allow: ['..', ...sharedDirs] } : undefined,
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});
