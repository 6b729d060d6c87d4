// Builds the dashboard (index.html) and the map bench page (bench.html) into dist/renderer.
// Runs from the repository root (`vite build --config renderer/vite.config.ts`).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = new URL('.', import.meta.url);
const at = (rel: string): string => decodeURIComponent(new URL(rel, here).pathname);

export default defineConfig({
  root: at('.'),
  // Relative asset paths: the same build is served by the Lage server at / and loaded by Electron.
  base: './',
  plugins: [react()],
  resolve: { alias: [{ find: /^#shared\/(.*)$/, replacement: at('../shared/src/$1.ts') }] },
  build: {
    outDir: at('../dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: { index: at('index.html'), bench: at('bench.html') } },
  },
  server: { host: '127.0.0.1' },
});
