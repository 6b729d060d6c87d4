/**
 * Hostile resyncs (issue 13, point 3), against the real server process: a log of 40,000 events (under the 50,000 a resume may span),
 * 10 dashboards receiving 500 units at 1 Hz, and `/api/v1/health` asked every 20 ms. Measured side
 * by side: a quiet phase, then a phase in which 100 wall sockets each send one `resync` from seq 1
 * (each asks for the whole log). Figures: health p99 under the attack (goal ≤ 100 ms) and the
 * dashboards' ingest→dashboard p99 under the attack against the quiet one (ratio, goal ≥ 0.5:
 * other dashboards keep their latency).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { benchUnits, percentile, postJson, startServerProcess } from './lib/serverProcess.ts';
import { defaultToken } from '../server/src/public.ts';
import type { BenchLine } from './server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNITS = 500;
const LOG_EVENTS = 40_000;
const HOSTILE = 100;

function child(script: string, args: string[]): ChildProcess {
  return fork(new URL(script, import.meta.url).pathname, args, { execArgv: ['--import', 'tsx'] });
}
function ask<T>(c: ChildProcess, msg: object): Promise<T> {
  return new Promise((resolve) => {
    c.once('message', (m) => resolve(m as T));
    c.send(msg);
  });
}

export interface ResyncFigures {
  quiet: { healthP99: number; dashboardP99: number };
  hostile: { healthP99: number; dashboardP99: number; events: number };
}

export async function measureResync(seconds = 6): Promise<ResyncFigures> {
  const server = await startServerProcess();
  const token = defaultToken(server.url) ?? '';
  const base = `${server.url}/api/v1/ingest`;
  const dashboards = child('./lib/dashboards.ts', [server.url, '10', token]);
  const hostile = child('./lib/hostile.ts', [server.url, String(HOSTILE), token]);
  try {
    await postJson(`${base}/units`, benchUnits(UNITS));
    const t0 = Date.now() - LOG_EVENTS;
    for (let done = 0; done < LOG_EVENTS; done += 5_000)
      await postJson(
        `${base}/positions`,
        Array.from({ length: 5_000 }, (_, j) => ({
          unitId: `b${(done + j) % UNITS}`,
          lat: 51.2 + (j % 100) * 1e-4,
          lon: 6.77,
          time: t0 + done + j,
        })),
      );
    await Promise.all([
      new Promise((r) => dashboards.once('message', r)),
      new Promise((r) => hostile.once('message', r)),
    ]);
    // The load: each unit's 1 Hz fix, a tenth of the units every 100 ms, until stopped.
    let stop = false;
    const load = (async () => {
      const started = performance.now();
      for (let tick = 0; !stop; tick++) {
        const part = tick % 10;
        await postJson(
          `${base}/positions`,
          Array.from({ length: UNITS / 10 }, (_, j) => ({
            unitId: `b${part * (UNITS / 10) + j}`,
            lat: 51.2 + ((tick + j) % 100) * 1e-4,
            lon: 6.77,
            time: Date.now(),
          })),
        );
        await sleep(Math.max(0, started + (tick + 1) * 100 - performance.now()));
      }
    })();
    const phase = async () => {
      dashboards.send({ type: 'start', since: Date.now() });
      const health: number[] = [];
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(`${server.url}/api/v1/health`);
        await res.arrayBuffer();
        health.push(performance.now() - t);
        await sleep(20);
      }
      const report = await ask<{ latencies: number[] }>(dashboards, { type: 'report' });
      return {
        healthP99: percentile(
          health.sort((a, b) => a - b),
          99,
        ),
        dashboardP99: percentile(
          report.latencies.sort((a, b) => a - b),
          99,
        ),
      };
    };
    await sleep(1000); // warm-up
    const quiet = await phase();
    hostile.send({ type: 'attack', perSocket: 1 });
    const attacked = await phase();
    const { events } = await ask<{ events: number }>(hostile, { type: 'report' });
    stop = true;
    await load;
    return { quiet, hostile: { ...attacked, events } };
  } finally {
    dashboards.send({ type: 'exit' });
    hostile.send({ type: 'exit' });
    await server.stop();
  }
}

export async function runResyncBench(): Promise<BenchLine[]> {
  const f = await measureResync();
  const ratio = f.quiet.dashboardP99 / Math.max(1, f.hostile.dashboardP99);
  console.log(
    `resync: quiet health p99 ${f.quiet.healthP99.toFixed(1)} ms, dashboards p99 ${f.quiet.dashboardP99.toFixed(0)} ms; ` +
      `under ${HOSTILE} hostile resyncs health p99 ${f.hostile.healthP99.toFixed(1)} ms, dashboards p99 ` +
      `${f.hostile.dashboardP99.toFixed(0)} ms (${f.hostile.events.toLocaleString('en')} events sent to the hostile sockets meanwhile)`,
  );
  return [
    {
      name: `server: /health p99 under ${HOSTILE} hostile resyncs (quiet: ${f.quiet.healthP99.toFixed(1)} ms)`,
      value: f.hostile.healthP99,
      unit: 'ms',
      goal: 100,
      ratio: 100 / Math.max(1, f.hostile.healthP99),
    },
    {
      name: `server: other dashboards' p99 under hostile resyncs vs quiet (${f.hostile.dashboardP99.toFixed(0)} vs ${f.quiet.dashboardP99.toFixed(0)} ms)`,
      value: ratio,
      unit: 'ratio',
      goal: 0.5,
      ratio: ratio / 0.5,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runResyncBench())
    console.log(
      `${line.name}: ${line.value.toFixed(2)} ${line.unit} (goal ${line.goal}; ratio ${line.ratio.toFixed(2)})`,
    );
  process.exit(0);
}
