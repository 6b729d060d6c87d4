/**
 * Map bench: in real Chromium, the frame rate of the map with 10,000 and 50,000 units reporting at 1 Hz against
 * the same map without units, measured in alternating phases on one page in one run. Prints the
 * ratio per scenario (goal ≥ 0.8). Standalone: `npx tsx bench/map.ts [--quick]`; from bench/run.ts:
 * `runMapBench()`. Needs `npm run build:renderer` first (it serves dist/renderer/bench.html).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { serveStatic } from './mapStatic.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist', 'renderer');
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.ts';

export { CHROMIUM, CHROMIUM_ARGS };
export const MAP_BENCH_GOAL = 0.8;

interface Scenario {
  name: string;
  units: number;
  /** Least acceptable ratio of fps with units to fps without (issue 19: 0.8 at 10,000, 0.6 at 50,000). */
  goal: number;
  zoom: number;
  /** Spread of the synthetic units around the centre, degrees of latitude. */
  radiusDeg: number;
}

export interface MapBenchResult {
  name: string;
  ratio: number;
  goal: number;
  pass: boolean;
  baselineFps: number;
  loadedFps: number;
  units: number;
  zoom: number;
  roundRatios: number[];
  /** Mean time MapLibre needed to apply one units update (worker round trip), loaded phases. */
  meanUpdateMs: number;
  phases: { units: number; fps: number; unitUpdates: number; meanUpdateMs: number }[];
}

/** What the bench page (renderer/src/bench/main.tsx) exposes; declared here, bench/ does not import the renderer. */
interface BenchRun {
  baselineFps: number;
  loadedFps: number;
  ratio: number;
  roundRatios: number[];
  phases: { units: number; fps: number; unitUpdates: number; meanUpdateMs: number }[];
}
interface BenchPage {
  __bench?: { run(options: object): Promise<BenchRun> };
  __lagebild?: { map?: { loaded(): boolean } };
}

export const MAP_BENCH_GOAL_50K = 0.6;
const SCENARIOS: Scenario[] = [
  {
    name: 'map: 10,000 units at 1 Hz, region view (clustered)',
    units: 10_000,
    goal: MAP_BENCH_GOAL,
    zoom: 8.5,
    radiusDeg: 0.8,
  },
  {
    name: 'map: 10,000 units at 1 Hz, city view (symbols + labels)',
    units: 10_000,
    goal: MAP_BENCH_GOAL,
    zoom: 12.5,
    radiusDeg: 0.8,
  },
  {
    name: 'map: 50,000 units at 1 Hz, region view (clustered)',
    units: 50_000,
    goal: MAP_BENCH_GOAL_50K,
    zoom: 8.5,
    radiusDeg: 1.2,
  },
  {
    name: 'map: 50,000 units at 1 Hz, city view (symbols + labels)',
    units: 50_000,
    goal: MAP_BENCH_GOAL_50K,
    zoom: 12.5,
    radiusDeg: 1.2,
  },
];

export const loadAverage = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const meanOf = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export async function runMapBench(
  opts: { quick?: boolean; only?: string; log?: (line: string) => void } = {},
): Promise<MapBenchResult[]> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!existsSync(path.join(DIST, 'bench.html'))) {
    throw new Error(
      `map bench: ${path.join(DIST, 'bench.html')} is missing; run "npm run build:renderer" first`,
    );
  }
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const results: MapBenchResult[] = [];
  try {
    for (const s of SCENARIOS.filter((x) => !opts.only || x.name.includes(opts.only))) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/bench.html?radius=${s.radiusDeg}`);
      await page.waitForFunction(
        () => {
          const w = window as unknown as BenchPage;
          return !!w.__bench && !!w.__lagebild?.map?.loaded();
        },
        null,
        {
          // A page load on a machine busy with other work can take long.
          timeout: 120_000,
        },
      );
      const options = {
        units: s.units,
        zoom: s.zoom,
        // Many short back-to-back rounds: the median ratio shrugs off load from other processes.
        // The warm-up lets the switch between an empty and a full source settle before measuring.
        phaseMs: 2500,
        rounds: opts.quick ? 4 : 8,
        warmupMs: 3000,
      };
      const r = await page.evaluate((o) => (window as unknown as BenchPage).__bench!.run(o), options);
      if (errors.length) throw new Error(`map bench page errors: ${errors.join('; ')}`);
      await page.close();
      const result: MapBenchResult = {
        name: s.name,
        ratio: r.ratio,
        goal: s.goal,
        pass: r.ratio >= s.goal,
        baselineFps: r.baselineFps,
        loadedFps: r.loadedFps,
        units: s.units,
        zoom: s.zoom,
        roundRatios: r.roundRatios,
        meanUpdateMs: meanOf(r.phases.filter((p) => p.unitUpdates > 0).map((p) => p.meanUpdateMs)),
        phases: r.phases.map((p) => ({
          units: p.units,
          fps: p.fps,
          unitUpdates: p.unitUpdates,
          meanUpdateMs: p.meanUpdateMs,
        })),
      };
      results.push(result);
      log(
        `${s.name}: ${r.loadedFps.toFixed(1)} fps with units vs ${r.baselineFps.toFixed(1)} fps without → ratio ${r.ratio.toFixed(2)} (median of ${r.roundRatios.length} rounds; goal ≥ ${s.goal}) ${result.pass ? 'met' : 'MISS'}; an update of the units source takes ${result.meanUpdateMs.toFixed(0)} ms; load average ${loadAverage()}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
  runMapBench({ quick: process.argv.includes('--quick'), only }).then(
    (results) => {
      process.exitCode = results.every((r) => r.pass) ? 0 : 1;
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 2;
    },
  );
}
