/**
 * Replay playback against the live feed on one map: alternating phases of (a) the synthetic live
 * feed with as many units as the recording reporting at 1 Hz and (b) the replay driver playing the
 * recording at `speed`× with the replay view's own driver, API client and sink (pages fetched ahead
 * from the server, folded into the picture store up to the playhead once per animation frame), while
 * the camera pans. Reports
 * the map's frame rate in each; the ratio is the median over rounds of replay fps / live fps.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { ReplayDriver, eventTime, receivedTime } from '../replay/driver.ts';
import { ReplayApi } from '../replay/api.ts';
import { storeSink } from '../replay/sink.ts';
import { LIVE_DATASET } from '../replay/params.ts';
import type { SyntheticFeed } from './syntheticFeed.ts';
import { startCameraLoop } from './phases.ts';

export interface ReplayBenchOptions {
  serverUrl: string;
  dataset: string;
  /** The recording's period (replay clock, epoch ms). */
  from: number;
  to: number;
  speed: number;
  /** Units of the live feed phase (as many as the recording has). */
  units: number;
  zoom: number;
  phaseMs: number;
  warmupMs: number;
  rounds: number;
}

export interface ReplayPhase {
  mode: 'live' | 'replay';
  fps: number;
  /** Replay only: events folded and recording time covered during the measured part. */
  events: number;
  simulatedMs: number;
}

export interface ReplayBenchResult {
  phases: ReplayPhase[];
  liveFps: number;
  replayFps: number;
  ratio: number;
  roundRatios: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function countFrames(map: MaplibreMap, ms: number): Promise<number> {
  let frames = 0;
  const onRender = () => frames++;
  map.on('render', onRender);
  const t0 = performance.now();
  await sleep(ms);
  map.off('render', onRender);
  return frames / ((performance.now() - t0) / 1000);
}

async function livePhase(map: MaplibreMap, feed: SyntheticFeed, o: ReplayBenchOptions): Promise<ReplayPhase> {
  feed.start(o.units);
  await sleep(o.warmupMs);
  const fps = await countFrames(map, o.phaseMs);
  feed.stop();
  return { mode: 'live', fps, events: 0, simulatedMs: 0 };
}

async function replayPhase(map: MaplibreMap, o: ReplayBenchOptions, start: number): Promise<ReplayPhase> {
  // As the replay view sets it up (replay/controller.ts): its API client, its sink, its clock.
  const driver = new ReplayDriver(
    new ReplayApi(o.serverUrl, o.dataset),
    storeSink,
    { from: o.from, to: o.to },
    { clock: o.dataset === LIVE_DATASET ? receivedTime : eventTime },
  );
  driver.speed = o.speed;
  await driver.seek(start, { trails: false });
  if (driver.status !== 'ready')
    throw new Error(`replay bench: seek failed: ${driver.error ?? driver.status}`);
  const t0 = performance.now();
  let frame = requestAnimationFrame(function step(now) {
    driver.advance(start + (now - t0) * o.speed);
    frame = requestAnimationFrame(step);
  });
  try {
    await sleep(o.warmupMs);
    const seqBefore = driver.appliedSeq;
    const headBefore = driver.playhead;
    const fps = await countFrames(map, o.phaseMs);
    // Read again: the driver may have failed while playing (a page it fetched ahead).
    if ((driver.status as string) === 'error') throw new Error(`replay bench: ${driver.error ?? 'error'}`);
    return {
      mode: 'replay',
      fps,
      events: driver.appliedSeq - seqBefore,
      simulatedMs: driver.playhead - headBefore,
    };
  } finally {
    cancelAnimationFrame(frame);
    driver.dispose();
  }
}

export async function runReplayPhases(
  map: MaplibreMap,
  feed: SyntheticFeed,
  o: ReplayBenchOptions,
): Promise<ReplayBenchResult> {
  const stopCamera = startCameraLoop(map, o.zoom);
  const phases: ReplayPhase[] = [];
  const roundRatios: number[] = [];
  try {
    for (let r = 0; r < o.rounds; r++) {
      // Each round plays a different part of the recording.
      const start = o.from + ((r + 0.5) / o.rounds) * (o.to - o.from) * 0.9;
      const live = r % 2 === 0 ? await livePhase(map, feed, o) : undefined;
      const replay = await replayPhase(map, o, start);
      const live2 = live ?? (await livePhase(map, feed, o));
      phases.push(live2, replay);
      if (live2.fps > 0) roundRatios.push(replay.fps / live2.fps);
    }
  } finally {
    stopCamera();
    feed.start(0);
  }
  return {
    phases,
    liveFps: mean(phases.filter((p) => p.mode === 'live').map((p) => p.fps)),
    replayFps: mean(phases.filter((p) => p.mode === 'replay').map((p) => p.fps)),
    ratio: median(roundRatios),
    roundRatios,
  };
}
