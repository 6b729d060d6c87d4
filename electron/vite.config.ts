/**
 * Builds the Electron main process and the preload into dist/electron as two separate bundles:
 * main.cjs (Node target) and preload.cjs (a sandboxed preload must be ONE CommonJS file, so it
 * cannot share chunks with main). Vite builds one bundle per run, so the main build starts the
 * preload build when it finishes. Electron and Node built-ins stay external; zod and the shared
 * contract are bundled in.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/electron', import.meta.url));
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function bundle(entry: string, fileName: string, target: string, emptyOutDir: boolean): UserConfig {
  return {
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir,
      target,
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      lib: {
        entry: fileURLToPath(new URL(entry, import.meta.url)),
        formats: ['cjs'],
        fileName: () => fileName,
      },
      rollupOptions: { external, output: { codeSplitting: false } },
    },
  };
}

// Electron 45 ships Node 22 and Chromium 140.
const mainConfig = bundle('./main/main.ts', 'main.cjs', 'node22', true);
const preloadConfig = bundle('./preload/preload.ts', 'preload.cjs', 'chrome140', false);

const buildPreload = (): Plugin => ({
  name: 'lagebild-build-preload',
  apply: 'build',
  async closeBundle() {
    await build({ ...preloadConfig, configFile: false });
  },
});

export default defineConfig({ ...mainConfig, plugins: [buildPreload()] });
