/**
 * The scale-out bench's live figures (issue 17, docs/scale-out.md): ingest → dashboard latency with
 * dashboards spread over the nodes, and failover time (SIGKILL of a node → its dashboards' first
 * live batch from another node, as a client holding several server URLs does it).
 */
import { fork } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import { defaultToken } from '../server/src/public.ts';
import { benchUnits, percentile, postJson } from './lib/serverProcess.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * p99/p50 ms from a position's send time to its arrival on dashboards (bench/lib/dashboards.ts
 * children, `perNode` on each node), while `unitCount` units report at 1 Hz spread over the nodes.
 */
export async function liveLatency(
  urls: string[],
  perNode: number,
  unitCount: number,
  seconds: number,
): Promise<{ p50: number; p99: number; gaps: number; samples: number }> {
  const token = defaultToken(urls[0]!) ?? '';
  const children = urls.map((url) =>
    fork(new URL('./lib/dashboards.ts', import.meta.url).pathname, [url, String(perNode), token], {
      execArgv: ['--import', 'tsx'],
    }),
  );
  const ask = (child: (typeof children)[number]) =>
    new Promise<{ latencies: number[]; gaps: number }>((resolve) => {
      child.once('message', (m) => resolve(m as never));
      child.send({ type: 'report' });
    });
  try {
    await postJson(`${urls[0]}/api/v1/ingest/units`, benchUnits(unitCount));
    await Promise.all(
      children.map((c) => new Promise<void>((resolve) => c.once('message', () => resolve()))),
    );
    const slice = unitCount / 10;
    let tick = 0;
    const stopAt = (seconds + 2) * 10;
    const started = performance.now();
    const sends: Promise<unknown>[] = [];
    while (tick < stopAt) {
      if (tick === 20) for (const c of children) c.send({ type: 'start', since: Date.now() });
      const part = tick % 10;
      const items = Array.from({ length: slice }, (_, j) => ({
        unitId: `b${part * slice + j}`,
        lat: 51.2 + ((tick + j) % 100) * 1e-4,
        lon: 6.77 + (j % 100) * 1e-4,
        speed: 12.5,
        time: Date.now(),
      }));
      // Spread over the nodes, not waiting for the answer: the gateway keeps its 1 Hz schedule.
      sends.push(postJson(`${urls[tick % urls.length]}/api/v1/ingest/positions`, items));
      tick++;
      await sleep(Math.max(0, started + tick * 100 - performance.now()));
    }
    await Promise.all(sends);
    await sleep(1000);
    const reports = await Promise.all(children.map(ask));
    const lat = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    return {
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      gaps: reports.reduce((n, r) => n + r.gaps, 0),
      samples: lat.length,
    };
  } finally {
    for (const c of children) c.send({ type: 'exit' });
  }
}

/**
 * `count` dashboards on `victim`, each knowing the other URLs; a writer keeps sending to another
 * node; `kill()` ends the victim. Returns each dashboard's ms from the kill to its first batch from
 * another node (resumed with its lastSeq; gaps counted).
 */
export async function failoverTimes(
  victim: string,
  others: string[],
  count: number,
  kill: () => void,
): Promise<{ times: number[]; gaps: number }> {
  const token = defaultToken(victim) ?? '';
  let killedAt = 0;
  let gaps = 0;
  const times: number[] = [];
  const sockets: Socket[] = [];
  const open = (url: string, lastSeq: number, index: number, moved: boolean): Promise<void> =>
    new Promise((resolve) => {
      let seq = lastSeq;
      let first = true;
      const s = io(`${url}/live`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token, ...(lastSeq > 0 ? { lastSeq } : {}) },
      });
      sockets.push(s);
      s.on('snapshot', (m: { picture: { seq: number } }) => {
        seq = m.picture.seq;
        resolve();
      });
      s.on('batch', (b: { from: number; to: number }) => {
        if (b.from !== seq + 1) gaps++;
        seq = b.to;
        if (moved && first) {
          first = false;
          times.push(Date.now() - killedAt);
        }
        resolve();
      });
      const next = () => {
        s.close();
        if (killedAt) void open(others[index % others.length]!, seq, index, true);
      };
      s.once('disconnect', next);
      s.once('connect_error', next);
    });
  await Promise.all(Array.from({ length: count }, (_, i) => open(victim, 0, i, false)));
  let stop = false;
  const writer = (async () => {
    for (let i = 0; !stop; i++) {
      await postJson(`${others[0]}/api/v1/ingest/positions`, [
        { unitId: 'b1', lat: 51.2 + (i % 1000) * 1e-5, lon: 6.77, speed: 5, time: Date.now() },
      ]).catch(() => undefined);
      await sleep(50);
    }
  })();
  await sleep(1000);
  killedAt = Date.now();
  kill();
  for (let waited = 0; times.length < count && waited < 30_000; waited += 50) await sleep(50);
  stop = true;
  await writer;
  for (const s of sockets) s.close();
  return { times: times.sort((a, b) => a - b), gaps };
}
