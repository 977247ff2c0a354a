import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// V8 compiles a function the first time it is called unless told otherwise, and that first
// compile lands on the main thread in the middle of an interaction (the first edit on a fresh
// board waited on it; docs/benchmarks.md). This magic comment (Chromium 136 and later; other
// engines read a comment) asks V8 to compile the whole file eagerly, on a background thread
// while the file streams in. Every chunk is the app's own code and most of it runs in a workshop's first
// minutes, so all of them carry it. It goes on last: minifying would strip it, and it must
// stay the file's first line, above what Vite itself puts at the top.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
const eagerCompile = (): Plugin => ({
  name: 'fiilis-eager-compile',
  apply: 'build',
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = COMPILE_HINT + file.code;
      }
    },
  },
});

// The built UI (ui/dist) is embedded by both the Tauri shell and the Rust HTTP server,
// and runs under a strict CSP: no inline scripts, no eval, no external resources.
export default defineConfig({
  plugins: [svelte(), eagerCompile()],
  base: './',
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Keep everything as files under ui/dist (no data: URLs beyond what img-src allows).
    assetsInlineLimit: 0,
    // Two pages: the app (index.html) and the participants' phone page (phone.html).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        phone: fileURLToPath(new URL('./phone.html', import.meta.url)),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
