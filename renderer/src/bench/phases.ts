/** Alternating measurement phases on one map: baseline (no units) and loaded (N units at 1 Hz). */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { SyntheticFeed } from './syntheticFeed.ts';
import { debugHook } from '../debug/debugHook.ts';

export interface BenchOptions {
  units: number;
  zoom: number;
  phaseMs: number;
  rounds: number;
  warmupMs: number;
  /** false: the units stand still (separates the cost of drawing them from the cost of moving them). */
  moving?: boolean;
}

export interface PhaseResult {
  units: number;
  fps: number;
  frames: number;
  seconds: number;
  unitUpdates: number;
  /** Mean time MapLibre took to apply one units update (worker round trip). */
  meanUpdateMs: number;
}

export interface BenchResult {
  phases: PhaseResult[];
  baselineFps: number;
  loadedFps: number;
  /** Median over rounds of loaded fps / baseline fps measured back to back. */
  ratio: number;
  roundRatios: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pans the camera in a slow circle so the map renders every frame in both phases alike. */
export function startCameraLoop(map: MaplibreMap, zoom: number): () => void {
  const center = map.getCenter();
  const t0 = performance.now();
  let frame = requestAnimationFrame(function step(now) {
    const a = ((now - t0) / 8000) * Math.PI * 2;
    map.jumpTo({ center: [center.lng + 0.01 * Math.cos(a), center.lat + 0.006 * Math.sin(a)], zoom });
    frame = requestAnimationFrame(step);
  });
  return () => cancelAnimationFrame(frame);
}

async function measure(
  map: MaplibreMap,
  feed: SyntheticFeed,
  units: number,
  o: BenchOptions,
): Promise<PhaseResult> {
  feed.start(units, o.moving ?? true);
  await sleep(o.warmupMs);
  let frames = 0;
  const onRender = () => frames++;
  const updatesBefore = debugHook().unitUpdates;
  const updateMsBefore = debugHook().updateMsTotal;
  map.on('render', onRender);
  const t0 = performance.now();
  await sleep(o.phaseMs);
  const seconds = (performance.now() - t0) / 1000;
  map.off('render', onRender);
  feed.stop();
  const unitUpdates = debugHook().unitUpdates - updatesBefore;
  const meanUpdateMs = unitUpdates ? (debugHook().updateMsTotal - updateMsBefore) / unitUpdates : 0;
  return { units, fps: frames / seconds, frames, seconds, unitUpdates, meanUpdateMs };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * Many short rounds, each a baseline and a loaded phase back to back (order alternating), so load
 * from other processes on the machine hits both sides alike; the ratio is the median of the rounds.
 */
export async function runPhases(
  map: MaplibreMap,
  feed: SyntheticFeed,
  o: BenchOptions,
): Promise<BenchResult> {
  const stopCamera = startCameraLoop(map, o.zoom);
  const phases: PhaseResult[] = [];
  const roundRatios: number[] = [];
  try {
    for (let r = 0; r < o.rounds; r++) {
      const order = r % 2 === 0 ? [0, o.units] : [o.units, 0];
      const round: PhaseResult[] = [];
      for (const n of order) round.push(await measure(map, feed, n, o));
      phases.push(...round);
      const base = round.find((p) => p.units === 0)?.fps ?? 0;
      const loaded = round.find((p) => p.units > 0)?.fps ?? 0;
      if (base > 0) roundRatios.push(loaded / base);
    }
  } finally {
    stopCamera();
    feed.start(0);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    phases,
    baselineFps: mean(phases.filter((p) => p.units === 0).map((p) => p.fps)),
    loadedFps: mean(phases.filter((p) => p.units > 0).map((p) => p.fps)),
    ratio: median(roundRatios),
    roundRatios,
  };
}
