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
}

export interface PhaseResult {
  units: number;
  fps: number;
  frames: number;
  seconds: number;
  unitUpdates: number;
}

export interface BenchResult {
  phases: PhaseResult[];
  baselineFps: number;
  loadedFps: number;
  ratio: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pans the camera in a slow circle so the map renders every frame in both phases alike. */
function startCameraLoop(map: MaplibreMap, zoom: number): () => void {
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
  feed.start(units);
  await sleep(o.warmupMs);
  let frames = 0;
  const onRender = () => frames++;
  const updatesBefore = debugHook().unitUpdates;
  map.on('render', onRender);
  const t0 = performance.now();
  await sleep(o.phaseMs);
  const seconds = (performance.now() - t0) / 1000;
  map.off('render', onRender);
  feed.stop();
  return {
    units,
    fps: frames / seconds,
    frames,
    seconds,
    unitUpdates: debugHook().unitUpdates - updatesBefore,
  };
}

export async function runPhases(
  map: MaplibreMap,
  feed: SyntheticFeed,
  o: BenchOptions,
): Promise<BenchResult> {
  const stopCamera = startCameraLoop(map, o.zoom);
  const phases: PhaseResult[] = [];
  try {
    for (let r = 0; r < o.rounds; r++) {
      // Alternate the order each round so drift (thermal, caches) does not favour one side.
      const order = r % 2 === 0 ? [0, o.units] : [o.units, 0];
      for (const n of order) phases.push(await measure(map, feed, n, o));
    }
  } finally {
    stopCamera();
    feed.start(0);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const baselineFps = mean(phases.filter((p) => p.units === 0).map((p) => p.fps));
  const loadedFps = mean(phases.filter((p) => p.units > 0).map((p) => p.fps));
  return { phases, baselineFps, loadedFps, ratio: baselineFps > 0 ? loadedFps / baselineFps : 0 };
}
