import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,server,tools,simulator,electron,renderer}/**/*.test.{ts,tsx}', '.ci/*.test.ts'],
    // Guards against a hang, not a speed goal: a loaded 2-core machine needs minutes for what takes seconds when quiet.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; most files wait on a server process, a socket or
    // the disk, so two overlap well (measured: 258 s with two workers against 380 s with one, load 3-5).
    maxWorkers: 2,
  },
});
