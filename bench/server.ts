/**
 * Server benchmarks (issues 2 and 19), measured in one run against the real server process:
 *  1. committed ingest events/s on one node (HTTP, batches of 500, 4 in flight), with the server's
 *     CPU per event;
 *  2. the capacity search (capacity.ts): the most dashboards receiving 5,000 units at 1 Hz with
 *     ingest→dashboard p99 ≤ 150 ms, and the server's CPU per 1,000 deliveries there.
 */
import os from 'node:os';
import { benchUnits, postJson, postRaw, startServerProcess } from './lib/serverProcess.ts';
import { loadAverage, processCpuMs } from './lib/cpu.ts';
import { CAPACITY_GOAL, CAPACITY_P99_MS, runCapacitySearch } from './capacity.ts';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  goal: number;
  /** value / goal for "at least" goals, goal / value for "at most" goals: ≥ 1 means met. */
  ratio: number;
  /** The goal is an upper bound (default: only for ms). */
  atMost?: boolean;
}

export const INGEST_GOAL = 100_000;
/** One core serving 100 dashboards (500,000 deliveries/s) leaves 2 ms of CPU per 1,000 deliveries. */
const CPU_PER_1000_GOAL_US = 2_000;

async function ingestThroughput(seconds: number): Promise<{ perSecond: number; microsPerEvent: number }> {
  const server = await startServerProcess();
  try {
    const base = `${server.url}/api/v1/ingest`;
    await postJson(`${base}/units`, benchUnits(5000));
    // Bodies are built up front so the load generator spends its core on sending, not on JSON.
    const now = Date.now();
    const bodies = Array.from({ length: 100 }, (_, k) =>
      JSON.stringify(
        Array.from({ length: 500 }, (_, j) => ({
          unitId: `b${(k * 500 + j) % 5000}`,
          lat: 51.2 + (j % 100) * 1e-4,
          lon: 6.77 + (k % 100) * 1e-4,
          speed: 12.5,
          heading: j % 360,
          time: now + k,
        })),
      ),
    );
    const t0 = performance.now();
    const cpu0 = processCpuMs(server.child.pid) ?? NaN;
    const start = (await postJson(`${base}/positions`, [{ unitId: 'b0', lat: 51, lon: 6 }])).seq;
    let i = 0;
    const worker = async () => {
      while (performance.now() - t0 < seconds * 1000)
        await postRaw(`${base}/positions`, bodies[i++ % bodies.length]!);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const end = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { seq: number };
    const events = end.seq - start;
    const cpuMs = (processCpuMs(server.child.pid) ?? NaN) - cpu0;
    return { perSecond: events / ((performance.now() - t0) / 1000), microsPerEvent: (cpuMs * 1000) / events };
  } finally {
    await server.stop();
  }
}

export async function runServerBench({ quick = false } = {}): Promise<BenchLine[]> {
  const load = os.loadavg()[0]!;
  const ingest = await ingestThroughput(quick ? 3 : 5);
  console.log(
    `server: committed ingest ${Math.round(ingest.perSecond).toLocaleString('en')} ev/s, server CPU ` +
      `${ingest.microsPerEvent.toFixed(1)} µs per event; load ${load.toFixed(2)} before, ${loadAverage()} after`,
  );
  const { capacity, atCapacity, steps } = await runCapacitySearch({ quick });
  const top = atCapacity ?? steps[0];
  const lines: BenchLine[] = [
    {
      name: `server: committed ingest events/s (one node, SQLite, synchronous=FULL, load ${load.toFixed(2)})`,
      value: ingest.perSecond,
      unit: 'ev/s',
      goal: INGEST_GOAL,
      ratio: ingest.perSecond / INGEST_GOAL,
    },
    {
      name: `server: dashboards with 5,000 units @ 1 Hz at p99 ≤ ${CAPACITY_P99_MS} ms (step-up search, ${loadAverage()})`,
      value: capacity,
      unit: 'dashboards',
      goal: CAPACITY_GOAL,
      ratio: capacity / CAPACITY_GOAL,
    },
  ];
  if (top)
    lines.push({
      name: `server: CPU per 1,000 deliveries at ${top.dashboards} dashboards (load ${top.load.toFixed(2)})`,
      value: top.serverMsPer1000 * 1000,
      unit: 'µs',
      atMost: true,
      goal: CPU_PER_1000_GOAL_US,
      ratio: CPU_PER_1000_GOAL_US / Math.max(1, top.serverMsPer1000 * 1000),
    });
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runServerBench({ quick: process.argv.includes('--quick') })) {
    console.log(
      `${line.name}: ${Math.round(line.value).toLocaleString('en')} ${line.unit} (goal ${line.goal.toLocaleString('en')}; ratio ${line.ratio.toFixed(2)})`,
    );
  }
}
