import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the built console goes; the server serves it at `/console/`. */
export const CONSOLE_OUT_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));
/** The console's sources: everything under this folder ends up in the bundle. */
export const CONSOLE_SOURCE_DIR = fileURLToPath(new URL('./web/', import.meta.url));

export default defineConfig({
  root: CONSOLE_SOURCE_DIR,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: CONSOLE_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The initial bundle's budget is checked by the suite (test/console/bundle-budget.test.ts), not here.
    chunkSizeWarningLimit: 1024,
  },
});
