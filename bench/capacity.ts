/**
 * Server headroom (issue 19, point 5): the most dashboards that receive 5,000 units at 1 Hz with
 * ingest→dashboard p99 ≤ 150 ms. Steps up the number of real Socket.IO dashboards on one real server
 * process and stops at the first step that misses (p99 over the limit, deliveries lost or late,
 * gaps); prints every step (the curve) with the server's CPU per 1,000 deliveries.
 *
 * How it runs: the server in its own process (`npm run serve`'s entry); the gateway (positionLoad.ts)
 * in this process; the dashboards in a pool of child processes (lib/dashboards.ts, one per core by
 * default), added round-robin at each step. The clients' CPU is printed with each step: where the pool
 * is saturated the limit found is the clients', not the server's (docs/performance.md).
 * Standalone: `npx tsx bench/capacity.ts [--quick]`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { benchUnits, percentile, postJson, startServerProcess } from './lib/serverProcess.ts';
import { startPositionLoad } from './lib/positionLoad.ts';
import { processCpuMs } from './lib/cpu.ts';
import { defaultToken } from '../server/src/public.ts';

export const CAPACITY_P99_MS = 150;
export const CAPACITY_GOAL = 100;
/** A delivery must reach this share of the fixes sent while measuring (the rest: lost or too late). */
const DELIVERED_SHARE = 0.995;

export interface CapacityStep {
  dashboards: number;
  p50: number;
  p99: number;
  /** Deliveries received / expected in the measured window. */
  delivered: number;
  deliveriesPerS: number;
  serverCores: number;
  /** Server CPU ms per 1,000 deliveries, beyond what the same ingest costs without dashboards. */
  serverMsPer1000: number;
  clientCores: number;
  gaps: number;
  load: number;
  pass: boolean;
}

interface Report {
  deliveries: number;
  latencies: number[];
  gaps: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Pool {
  private readonly children: ChildProcess[];
  private next = 0;
  constructor(url: string, size: number, token: string) {
    const script = new URL('./lib/dashboards.ts', import.meta.url).pathname;
    this.children = Array.from({ length: size }, () =>
      fork(script, [url, '0', token], { execArgv: ['--import', 'tsx'] }),
    );
  }
  private ask<T>(child: ChildProcess, message: object, answer: string): Promise<T> {
    return new Promise((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
      child.send(message);
    });
  }
  /** Adds dashboards round-robin over the pool; resolves when all have their snapshot. */
  async add(count: number): Promise<void> {
    const per = this.children.map(() => 0);
    for (let k = 0; k < count; k++) per[this.next++ % per.length]!++;
    await Promise.all(this.children.map((c, i) => this.ask(c, { type: 'add', count: per[i] }, 'ready')));
  }
  send(message: object): void {
    for (const c of this.children) c.send(message);
  }
  async report(): Promise<Report> {
    const all = await Promise.all(
      this.children.map((c) => this.ask<Report>(c, { type: 'report' }, 'report')),
    );
    return {
      deliveries: all.reduce((n, r) => n + r.deliveries, 0),
      latencies: all.flatMap((r) => r.latencies),
      gaps: all.reduce((n, r) => n + r.gaps, 0),
    };
  }
  cpuMs(): number {
    return this.children.reduce((ms, c) => ms + (processCpuMs(c.pid) ?? NaN), 0);
  }
  close(): void {
    this.send({ type: 'exit' });
  }
}

export interface CapacityOptions {
  /** Fewer, shorter steps. */
  quick?: boolean;
  /** Dashboards at each step, rising. */
  steps?: number[];
  seconds?: number;
  unitCount?: number;
  /** Dashboard processes (default: one per core). */
  poolSize?: number;
  log?: (line: string) => void;
}

export async function runCapacitySearch(
  options: CapacityOptions = {},
): Promise<{ steps: CapacityStep[]; capacity: number; atCapacity: CapacityStep | undefined }> {
  const quick = options.quick ?? false;
  const steps = options.steps ?? (quick ? [50, 100, 200] : [25, 50, 100, 150, 200, 250, 300, 400]);
  const seconds = options.seconds ?? (quick ? 3 : 5);
  const unitCount = options.unitCount ?? 5000;
  const poolSize = options.poolSize ?? Math.max(1, os.cpus().length);
  const log = options.log ?? ((line: string) => console.log(line));
  const server = await startServerProcess();
  const pool = new Pool(server.url, poolSize, defaultToken(server.url) ?? '');
  const base = `${server.url}/api/v1/ingest`;
  await postJson(`${base}/units`, benchUnits(unitCount));
  const load = startPositionLoad(base, unitCount);
  const pid = server.child.pid;
  const result: CapacityStep[] = [];
  try {
    await sleep(1500); // warm-up of the ingest alone
    // The ingest without dashboards: its server CPU is left out of the per-delivery figure.
    const c0 = processCpuMs(pid) ?? NaN;
    await sleep(seconds * 1000);
    const ingestOnlyCores = ((processCpuMs(pid) ?? NaN) - c0) / (seconds * 1000);
    log(
      `capacity: ${unitCount.toLocaleString('en')} units @ 1 Hz, ${poolSize} dashboard processes; ` +
        `server CPU for the ingest alone ${ingestOnlyCores.toFixed(2)} cores`,
    );
    let connected = 0;
    for (const dashboards of steps) {
      await pool.add(dashboards - connected);
      connected = dashboards;
      await sleep(1500); // the new dashboards' first batches
      const step = await measure(pool, load, pid, dashboards, seconds, ingestOnlyCores);
      result.push(step);
      log(
        `capacity: ${String(dashboards).padStart(3)} dashboards: p50 ${step.p50} ms, p99 ${step.p99} ms, ` +
          `${Math.round(step.deliveriesPerS).toLocaleString('en')} del/s (${(step.delivered * 100).toFixed(1)} % delivered), ` +
          `server ${step.serverCores.toFixed(2)} cores = ${step.serverMsPer1000.toFixed(2)} ms CPU per 1,000 deliveries, ` +
          `dashboard processes ${step.clientCores.toFixed(2)} cores = ` +
          `${((step.clientCores * 1e6) / step.deliveriesPerS).toFixed(2)} ms per 1,000 deliveries, load ${step.load.toFixed(2)} ${step.pass ? 'ok' : 'MISS'}`,
      );
      if (!step.pass) break;
    }
  } finally {
    pool.close();
    await load.stop().catch(() => undefined);
    await server.stop();
  }
  const passed = result.filter((s) => s.pass);
  const atCapacity = passed[passed.length - 1];
  return { steps: result, capacity: atCapacity?.dashboards ?? 0, atCapacity };
}

async function measure(
  pool: Pool,
  load: ReturnType<typeof startPositionLoad>,
  pid: number | undefined,
  dashboards: number,
  seconds: number,
  ingestOnlyCores: number,
): Promise<CapacityStep> {
  const since = Date.now();
  pool.send({ type: 'start', since });
  const server0 = processCpuMs(pid) ?? NaN;
  const clients0 = pool.cpuMs();
  const loadAvg = os.loadavg()[0]!;
  await sleep(seconds * 1000);
  const until = Date.now();
  pool.send({ type: 'stop', until });
  const serverMs = (processCpuMs(pid) ?? NaN) - server0;
  const clientMs = pool.cpuMs() - clients0;
  const elapsed = until - since;
  // Everything stamped in the window arrives, or counts as lost: waited for up to 3 s.
  let report = await pool.report();
  const latencies = report.latencies;
  let delivered = report.deliveries;
  for (
    let waited = 0;
    delivered < load.sentBetween(since, until) * dashboards && waited < 3000;
    waited += 200
  ) {
    await sleep(200);
    report = await pool.report();
    delivered += report.deliveries;
    latencies.push(...report.latencies);
  }
  const expected = load.sentBetween(since, until) * dashboards;
  const sorted = latencies.sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const share = expected === 0 ? 0 : delivered / expected;
  const deliveriesPerS = delivered / (elapsed / 1000);
  const extraMs = serverMs - ingestOnlyCores * elapsed;
  return {
    dashboards,
    p50: percentile(sorted, 50),
    p99,
    delivered: share,
    deliveriesPerS,
    serverCores: serverMs / elapsed,
    serverMsPer1000: delivered === 0 ? NaN : extraMs / (delivered / 1000),
    clientCores: clientMs / elapsed,
    gaps: report.gaps,
    load: loadAvg,
    pass: p99 <= CAPACITY_P99_MS && share >= DELIVERED_SHARE && report.gaps === 0,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const r = await runCapacitySearch({ quick: process.argv.includes('--quick') });
  console.log(`capacity: ${r.capacity} dashboards at p99 ≤ ${CAPACITY_P99_MS} ms (goal ≥ ${CAPACITY_GOAL})`);
}
