// Browser journeys against the real Lage server (with the simulator) and the built renderer.
// `node e2e/run.mjs` runs these and the Electron journeys (e2e/electron) and writes one JSON report.
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

export { CHROMIUM_ARGS };

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  testIgnore: ['electron/**'],
  outputDir: '../test-results/browser',
  // Two cores, software WebGL and a server with a simulator per file: one worker at a time.
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
});
