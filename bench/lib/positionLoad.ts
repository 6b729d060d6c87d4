import { postJson } from './serverProcess.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A gateway sending each of `unitCount` units' 1 Hz fix: one tenth of the units every 100 ms, on an
 * absolute schedule, each fix stamped with its send time (dashboards measure latency from it).
 * `sentBetween` counts the fixes stamped in [since, until): what each dashboard should receive.
 */
export function startPositionLoad(ingestBase: string, unitCount: number) {
  const slice = unitCount / 10;
  const ticks: { time: number; count: number }[] = [];
  let stopped = false;
  let failure: unknown;
  const done = (async () => {
    const started = performance.now();
    for (let tick = 0; !stopped;) {
      const part = tick++ % 10;
      const time = Date.now();
      const items = Array.from({ length: slice }, (_, j) => ({
        unitId: `b${part * slice + j}`,
        lat: 51.2 + ((tick + j) % 100) * 1e-4,
        lon: 6.77 + (j % 100) * 1e-4,
        speed: 12.5,
        time,
      }));
      await postJson(`${ingestBase}/positions`, items);
      ticks.push({ time, count: slice });
      await sleep(Math.max(0, started + tick * 100 - performance.now()));
    }
  })().catch((err: unknown) => {
    failure = err;
  });
  return {
    sentBetween(since: number, until: number): number {
      if (failure) throw failure;
      return ticks.filter((t) => t.time >= since && t.time < until).reduce((n, t) => n + t.count, 0);
    },
    async stop(): Promise<void> {
      stopped = true;
      await done;
      if (failure) throw failure;
    },
  };
}
