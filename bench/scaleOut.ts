/**
 * Scale-out bench (issue 17, docs/scale-out.md): committed ingest events/s into PostgreSQL with three
 * node processes on one log, beside a single node on SQLite, in one run. Acknowledged = committed:
 * the figure counts what the nodes answered 202 for. Run alone: `npx tsx bench/scaleOut.ts --quick`.
 */
import { pathToFileURL } from 'node:url';
import { pgMissing, startPgCluster } from '../server/src/public.ts';
import { benchUnits, percentile, postJson, postRaw, startServerProcess } from './lib/serverProcess.ts';
import type { BenchLine } from './server.ts';
import { failoverTimes, liveLatency } from './scaleOutLive.ts';
import os from 'node:os';
import fs from 'node:fs';

const GOAL = 50_000;
const LATENCY_GOAL_MS = 150;
const FAILOVER_GOAL_MS = 5_000;

/**
 * Events/s the given nodes acknowledged with `perNode` senders each, batches of 500, for `seconds`.
 * Each sender reports its own 500 units with ever newer times and places, so no position is dropped
 * as older than or equal to the one stored (senders on different nodes commit in no fixed order).
 */
async function committedIngest(urls: string[], perNode: number, seconds: number): Promise<number> {
  await postJson(`${urls[0]}/api/v1/ingest/units`, benchUnits(5000));
  // Bodies are built up front (the time patched in per request) so the sender spends its core on sending.
  const template = (sender: number) =>
    JSON.stringify(
      Array.from({ length: 500 }, (_, j) => ({
        unitId: `b${sender * 500 + j}`,
        lat: 'LAT',
        lon: 6.77 + j * 1e-4 + (sender % 100) * 1e-2,
        speed: 12.5,
        heading: j % 360,
        time: 'TIME',
      })),
    );
  let accepted = 0;
  let requests = 0;
  const t0 = performance.now();
  const sender = async (url: string, index: number) => {
    const body = template(index);
    while (performance.now() - t0 < seconds * 1000) {
      // A new place each time: a position equal to the stored one is no new event.
      const lat = (51.2 + (requests % 1000) * 1e-5).toFixed(6);
      const sent = body.replaceAll('"TIME"', String(Date.now())).replaceAll('"LAT"', lat);
      const ack = await postRaw(`${url}/api/v1/ingest/positions`, sent);
      accepted += ack.accepted;
      requests++;
    }
  };
  await Promise.all(
    urls.flatMap((url, n) => Array.from({ length: perNode }, (_, k) => sender(url, n * perNode + k))),
  );
  const elapsed = (performance.now() - t0) / 1000;
  if (accepted !== requests * 500)
    throw new Error(`only ${accepted} of ${requests * 500} positions accepted`);
  return accepted / elapsed;
}

export async function runScaleOutBench({ quick }: { quick: boolean }): Promise<BenchLine[]> {
  const missing = pgMissing();
  if (missing) {
    console.log(`scale-out bench skipped: ${missing}`);
    return [];
  }
  const seconds = quick ? 3 : 8;
  const single = await startServerProcess();
  let sqlite: number;
  try {
    sqlite = await committedIngest([single.url], 4, seconds);
  } finally {
    await single.stop();
  }
  const cluster = await startPgCluster();
  const nodes: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  try {
    for (let n = 0; n < 3; n++) nodes.push(await startServerProcess(['--database', cluster.url]));
    const shared = await committedIngest(
      nodes.map((n) => n.url),
      2,
      seconds,
    );
    console.log(
      `scale-out: committed ingest ${Math.round(shared)} ev/s (PostgreSQL, 3 nodes) vs ${Math.round(sqlite)} ev/s (SQLite, 1 node): ratio ${(shared / sqlite).toFixed(2)}`,
    );
    // The load is 10,000 units at 1 Hz and 100 dashboards; quick mode runs a tenth of the units.
    const unitCount = quick ? 1_000 : 10_000;
    const perNode = quick ? 10 : 34;
    const live = await liveLatency(
      nodes.map((n) => n.url),
      perNode,
      unitCount,
      seconds,
    );
    console.log(
      `scale-out: ingest → dashboard p50 ${live.p50} ms, p99 ${live.p99} ms (3 nodes, ${unitCount} units at 1 Hz, ${perNode * 3} dashboards, ${live.samples} samples, ${live.gaps} gaps)`,
    );
    const fail = await failoverTimes(nodes[0]!.url, [nodes[1]!.url, nodes[2]!.url], quick ? 10 : 30, () =>
      nodes[0]!.child.kill('SIGKILL'),
    );
    const p95 = fail.times.length ? percentile(fail.times, 95) : Infinity;
    console.log(
      `scale-out: failover SIGKILL → first live batch from another node: p50 ${percentile(fail.times, 50)} ms, p95 ${p95} ms (${fail.times.length} dashboards moved, ${fail.gaps} gaps); load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    return [
      {
        name: `scale-out: committed ingest events/s, PostgreSQL with 3 nodes (single-node SQLite beside it: ${Math.round(sqlite)} ev/s)`,
        value: shared,
        unit: 'ev/s',
        goal: GOAL,
        ratio: shared / GOAL,
      },
      {
        name: `scale-out: ingest → dashboard p99 ms, 3 nodes, ${unitCount} units at 1 Hz, ${perNode * 3} dashboards`,
        value: live.p99,
        unit: 'ms',
        goal: LATENCY_GOAL_MS,
        ratio: LATENCY_GOAL_MS / Math.max(1, live.p99),
      },
      {
        name: 'scale-out: failover SIGKILL → first live batch from another node, p95 ms',
        value: p95,
        unit: 'ms',
        goal: FAILOVER_GOAL_MS,
        ratio: FAILOVER_GOAL_MS / Math.max(1, p95),
      },
    ];
  } finally {
    // The killed node is gone already: its data dir is removed here, the others stop as usual.
    for (const n of nodes)
      if (n.child.exitCode === null && n.child.signalCode === null) await n.stop();
      else fs.rmSync(n.dataDir, { recursive: true, force: true });
    cluster.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runScaleOutBench({ quick: process.argv.includes('--quick') }))
    console.log(
      `${line.ratio >= 1 ? 'met ' : 'MISS'}  ${line.name}: ${Math.round(line.value)} ${line.unit} (goal ${line.unit === 'ms' ? '≤' : '≥'} ${line.goal})`,
    );
}
