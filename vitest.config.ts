import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,server,tools,simulator,electron,renderer}/**/*.test.{ts,tsx}', '.ci/*.test.ts'],
    // Guards against a hang, not a speed goal: a loaded 2-core machine needs minutes for what takes seconds when quiet.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
