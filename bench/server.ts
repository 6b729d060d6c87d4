/**
 * Server benchmarks (issue 2), measured in one run against the real server process:
 *  1. committed ingest events/s (HTTP, batches of 500, 4 in flight);
 *  2. position deliveries/s to 50 dashboards with 5,000 units reporting at 1 Hz;
 *  3. p50/p99 ingest-to-dashboard latency under that load.
 */
import { fork } from 'node:child_process';
import { benchUnits, percentile, postJson, postRaw, startServerProcess } from './lib/serverProcess.ts';
import { defaultToken } from '../server/src/public.ts';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  goal: number;
  /** value / goal for "at least" goals, goal / value for "at most" goals: ≥ 1 means met. */
  ratio: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ingestThroughput(seconds: number): Promise<number> {
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
    const start = (await postJson(`${base}/positions`, [{ unitId: 'b0', lat: 51, lon: 6 }])).seq;
    let i = 0;
    const worker = async () => {
      while (performance.now() - t0 < seconds * 1000)
        await postRaw(`${base}/positions`, bodies[i++ % bodies.length]!);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const end = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { seq: number };
    return (end.seq - start) / ((performance.now() - t0) / 1000);
  } finally {
    await server.stop();
  }
}

async function fanOut(seconds: number, dashboards: number, unitCount: number) {
  const server = await startServerProcess();
  const child = fork(
    new URL('./lib/dashboards.ts', import.meta.url).pathname,
    // Dashboards sign in like any other: with the session of the server's local user.
    [server.url, String(dashboards), defaultToken(server.url) ?? ''],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  const ask = () =>
    new Promise<{ deliveries: number; latencies: number[]; gaps: number }>((resolve) => {
      child.once('message', (m) => resolve(m as never));
      child.send({ type: 'report' });
    });
  try {
    const base = `${server.url}/api/v1/ingest`;
    await postJson(`${base}/units`, benchUnits(unitCount));
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    // A gateway sends each unit's 1 Hz fix: one tenth of the units every 100 ms, on an absolute
    // schedule. Deliveries are counted from a reset after warm-up until everything sent in the
    // measured ticks has arrived, and divided by those ticks' duration: the rate dashboards kept up
    // with. Loss or a backlog shows as a lower rate (and as latency).
    let measuring = false;
    let measuredTicks = 0;
    let stopAt = Infinity;
    let tick = 0;
    const slice = unitCount / 10;
    const load = (async () => {
      const started = performance.now();
      while (tick < stopAt) {
        const part = tick++ % 10;
        const items = Array.from({ length: slice }, (_, j) => ({
          unitId: `b${part * slice + j}`,
          lat: 51.2 + ((tick + j) % 100) * 1e-4,
          lon: 6.77 + (j % 100) * 1e-4,
          speed: 12.5,
          time: Date.now(),
        }));
        if (measuring) measuredTicks++;
        await postJson(`${base}/positions`, items);
        await sleep(Math.max(0, started + tick * 100 - performance.now()));
      }
    })();
    await sleep(2000); // warm-up
    child.send({ type: 'start', since: Date.now() });
    measuring = true;
    stopAt = tick + seconds * 10;
    await load;
    const expected = measuredTicks * slice * dashboards;
    let report = await ask();
    let delivered = report.deliveries;
    const latencies = report.latencies;
    for (let waited = 0; delivered < expected && waited < 5000; waited += 100) {
      await sleep(100);
      report = await ask();
      delivered += report.deliveries;
      latencies.push(...report.latencies);
    }
    report = { ...report, latencies };
    const elapsed = measuredTicks / 10;
    const perSecond = delivered / elapsed;
    const lat = report.latencies.sort((a, b) => a - b);
    return {
      perSecond,
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      gaps: report.gaps,
    };
  } finally {
    child.send({ type: 'exit' });
    await server.stop();
  }
}

export async function runServerBench(): Promise<BenchLine[]> {
  const ingest = await ingestThroughput(5);
  const fan = await fanOut(8, 50, 5000);
  if (fan.gaps > 0) throw new Error(`dashboards saw ${fan.gaps} gaps`);
  return [
    {
      name: 'server: committed ingest events/s',
      value: ingest,
      unit: 'ev/s',
      goal: 50_000,
      ratio: ingest / 50_000,
    },
    {
      name: 'server: position deliveries/s (50 dashboards, 5,000 units @ 1 Hz)',
      value: fan.perSecond,
      unit: 'del/s',
      goal: 250_000,
      ratio: fan.perSecond / 250_000,
    },
    {
      name: 'server: ingest→dashboard latency p50',
      value: fan.p50,
      unit: 'ms',
      goal: 150,
      ratio: 150 / Math.max(1, fan.p50),
    },
    {
      name: 'server: ingest→dashboard latency p99',
      value: fan.p99,
      unit: 'ms',
      goal: 150,
      ratio: 150 / Math.max(1, fan.p99),
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runServerBench()) {
    console.log(
      `${line.name}: ${Math.round(line.value).toLocaleString('en')} ${line.unit} (goal ${line.goal.toLocaleString('en')}; ratio ${line.ratio.toFixed(2)})`,
    );
  }
}
