/**
 * Replay bench (issue 6), one run, side by side: a 24 h recording with 1,000,000 events
 * (bench/lib/recording.ts, generated once and cached) served by the real Lage server on loopback:
 *  1. open ≤ 1 s: server start on the recording's data dir until the replay view could show the
 *     first picture (datasets list, picture at the period's start, first page of events, each decoded
 *     as the renderer does and loaded into its picture store);
 *  2. seek ≤ 50 ms at p95: 200 random times, each the picture at T over HTTP, checked and decoded,
 *     loaded into the renderer's picture store (zustand, vanilla in node) — end to end;
 *  3. playback at 60× ≥ 0.8 × the live frame rate: in Chromium, the bench page plays the recording
 *     with the renderer's replay driver and alternates with the synthetic live feed of as many units.
 * Standalone: `npx tsx bench/replay.ts [--quick]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { sessionCookieName } from '#shared/sessionCookie';
import { parseConfig, startLageServer, type LageServer } from '../server/src/public.ts';
import { pictureStore, ReplayApi, storeSink } from '../renderer/src/public.ts';
import { ensureRecording, RECORDING } from './lib/recording.ts';
import { percentile } from './lib/serverProcess.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './map.ts';
import type { BenchLine } from './server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist', 'renderer');
export const OPEN_GOAL_MS = 1000;
export const SEEK_P95_GOAL_MS = 50;
export const PLAYBACK_GOAL = 0.8;
const SEEKS = 200;
const SPEED = 60;

export interface PlaybackResult {
  name: string;
  ratio: number;
  goal: number;
  pass: boolean;
  liveFps: number;
  replayFps: number;
  roundRatios: number[];
  /** Events folded per second of wall time while playing (mean over replay phases). */
  eventsPerSecond: number;
}

export interface ReplayBenchResult {
  lines: BenchLine[];
  playback?: PlaybackResult;
}

/** What the bench page exposes (renderer/src/bench/main.tsx); declared here to keep the page's types out. */
interface BenchPage {
  __bench?: { replay(options: object): Promise<PagePlayback> };
  __lagebild?: { map?: { loaded(): boolean } };
}
interface PagePlayback {
  liveFps: number;
  replayFps: number;
  ratio: number;
  roundRatios: number[];
  phases: { mode: string; fps: number; events: number; simulatedMs: number }[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * In the browser the session cookie travels with every request; in node the renderer's API client
 * gets the same session as a Bearer header on requests to the bench server.
 */
function signFetch(serverUrl: string, headers: Record<string, string>): void {
  const plain = globalThis.fetch;
  globalThis.fetch = (input, init) =>
    String(input instanceof Request ? input.url : input).startsWith(serverUrl)
      ? plain(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } })
      : plain(input, init);
}

/** A session for the bench when the server requires sign-in (an analyst may replay). */
function benchToken(server: LageServer): string | undefined {
  const auth = (server as { auth?: { startSession(p: object): { token: string } } }).auth;
  return auth?.startSession({ name: 'bench', roles: ['analyst'], kind: 'user' }).token;
}

const line = (name: string, value: number, goal: number): BenchLine => ({
  name,
  value,
  unit: 'ms',
  goal,
  ratio: goal / value,
});

export async function runReplayBench(
  opts: { quick?: boolean; browser?: boolean; log?: (line: string) => void } = {},
): Promise<ReplayBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const rec = await ensureRecording(log);
  if (rec.generatedMs !== undefined)
    log(
      `replay: recording generated in ${(rec.generatedMs / 1000).toFixed(1)} s (${rec.snapshots} snapshots)`,
    );
  const config = parseConfig(
    ['--port', '0', '--data-dir', rec.dataDir, '--static-dir', DIST, '--quiet'],
    {},
    ROOT,
  );
  const lines: BenchLine[] = [];

  // 1. Open: from server start to the first picture and page in the renderer's store.
  const t0 = performance.now();
  const openCpu = process.cpuUsage();
  const laps: string[] = [];
  let lapAt = t0;
  const lap = (what: string) => {
    const now = performance.now();
    laps.push(`${what} ${(now - lapAt).toFixed(0)} ms`);
    lapAt = now;
  };
  const server = await startLageServer(config);
  lap('server start');
  let playback: PlaybackResult | undefined;
  try {
    const token = benchToken(server);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    signFetch(server.url, headers);
    // The replay view's own API client (checks every answer with zod) and sink (the picture store).
    const source = new ReplayApi(server.url, 'live');
    const res = await fetch(`${server.url}/api/v1/replay/datasets`, { headers });
    if (!res.ok) throw new Error(`replay bench: datasets: HTTP ${res.status} ${await res.text()}`);
    const { live } = (await res.json()) as { live: { first: number; last: number; events: number } };
    lap('datasets');
    const first = await source.picture(live.first);
    storeSink.replace(first, live.first);
    lap('picture');
    const page = await source.events(live.first, live.last + 1, first.seq, 10_000);
    storeSink.fold(page.events.slice(0, 1), page.events[0]?.seq ?? first.seq);
    lap('first page of 10,000 events');
    const openMs = performance.now() - t0;
    const { user, system } = process.cpuUsage(openCpu);
    if (live.events !== RECORDING.events || page.events.length !== 10_000)
      throw new Error(`replay bench: expected ${RECORDING.events} events, the server has ${live.events}`);
    lines.push(line('replay: open 24 h / 1M events', openMs, OPEN_GOAL_MS));
    log(
      `replay: open 24 h / 1M events: ${openMs.toFixed(0)} ms: ${laps.join(', ')}; CPU ${((user + system) / 1000).toFixed(0)} ms (ratio to goal ${(OPEN_GOAL_MS / openMs).toFixed(2)})`,
    );

    // 2. Seeks to random times, one after another, as a user scrubbing the timeline.
    const rand = mulberry32(42);
    const times: number[] = [];
    let units = 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < SEEKS; i++) {
      const t = Math.round(live.first + rand() * (live.last - live.first));
      const s0 = performance.now();
      const picture = await source.picture(t);
      storeSink.replace(picture, t);
      times.push(performance.now() - s0);
      units += Object.keys(pictureStore.getState().picture.units).length;
    }
    const cpu = process.cpuUsage(cpu0);
    // Server and client share this process: CPU time per seek is the work itself, the wall time
    // also holds what other processes on the machine took meanwhile.
    const cpuPerSeek = (cpu.user + cpu.system) / 1000 / SEEKS;
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    if (units !== SEEKS * RECORDING.units) throw new Error('replay bench: a seek did not load every unit');
    lines.push(line('replay: seek to T, ready in the stores (p95)', p95, SEEK_P95_GOAL_MS));
    log(
      `replay: seek to a random T until the picture is in the stores: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms over ${SEEKS} seeks, CPU ${cpuPerSeek.toFixed(1)} ms per seek (ratio to goal ${(SEEK_P95_GOAL_MS / p95).toFixed(2)})`,
    );

    // 3. Playback at 60× against the live feed, in the browser.
    if (opts.browser !== false)
      playback = await playbackBench(server.url, token, live, opts.quick ?? false, log);
  } finally {
    await server.close();
  }
  return { lines, ...(playback ? { playback } : {}) };
}

async function playbackBench(
  url: string,
  token: string | undefined,
  live: { first: number; last: number },
  quick: boolean,
  log: (line: string) => void,
): Promise<PlaybackResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { port, protocol } = new URL(url);
    const https = protocol === 'https:';
    const name = sessionCookieName(Number(port || (https ? 443 : 80)), https);
    if (token) await context.addCookies([{ name, value: token, url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/bench.html?radius=0.15`);
    await page.waitForFunction(
      () => {
        const w = window as unknown as BenchPage;
        return !!w.__bench?.replay && !!w.__lagebild?.map?.loaded();
      },
      null,
      { timeout: 30_000 },
    );
    const options = {
      serverUrl: url,
      dataset: 'live',
      from: live.first,
      to: live.last,
      speed: SPEED,
      units: RECORDING.units,
      zoom: 11,
      phaseMs: 2500,
      warmupMs: 2000,
      rounds: quick ? 4 : 6,
    };
    const r = await page.evaluate((o) => (window as unknown as BenchPage).__bench!.replay(o), options);
    if (errors.length) throw new Error(`replay bench page errors: ${errors.join('; ')}`);
    const replays = r.phases.filter((p) => p.mode === 'replay');
    const eventsPerSecond =
      replays.reduce((n, p) => n + p.events, 0) / ((replays.length * options.phaseMs) / 1000 || 1);
    const simulatedSpeed =
      replays.reduce((n, p) => n + p.simulatedMs, 0) / (replays.length * options.phaseMs || 1);
    const result: PlaybackResult = {
      name: `replay: playback at ${SPEED}× vs live, 500 units`,
      ratio: r.ratio,
      goal: PLAYBACK_GOAL,
      pass: r.ratio >= PLAYBACK_GOAL,
      liveFps: r.liveFps,
      replayFps: r.replayFps,
      roundRatios: r.roundRatios,
      eventsPerSecond,
    };
    log(
      `${result.name}: ${r.replayFps.toFixed(1)} fps playing vs ${r.liveFps.toFixed(1)} fps live → ratio ${r.ratio.toFixed(2)} (median of ${r.roundRatios.length} rounds; goal ≥ ${PLAYBACK_GOAL}) ${result.pass ? 'PASS' : 'FAIL'}; ${eventsPerSecond.toFixed(0)} events/s folded, playhead at ${simulatedSpeed.toFixed(0)}×`,
    );
    return result;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runReplayBench({ quick: process.argv.includes('--quick') }).then(
    (r) => {
      process.exitCode = r.lines.every((l) => l.ratio >= 1) && (r.playback?.pass ?? true) ? 0 : 1;
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 2;
    },
  );
}
