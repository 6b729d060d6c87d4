// Runs the Electron journeys on their own: `npx playwright test -c e2e/electron` (after `npm run build`).
// Each journey launches the built app itself; no web server is started here.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  timeout: 120_000,
  reporter: [['list']],
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
});
