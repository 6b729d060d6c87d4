/**
 * A child process holding real Socket.IO dashboards: N from the command line, more on an
 * `{type: 'add', count}` message (the capacity search adds them step by step). It counts position
 * deliveries and measures ingest-to-dashboard latency from each position's `time` (set by the load
 * generator at send time), on every tenth dashboard. Reports to the parent over IPC:
 * { deliveries, latencies, gaps } on request; `ready` once all dashboards asked for have their snapshot.
 */
import { io } from 'socket.io-client';

const [url, countArg, token] = process.argv.slice(2);
let deliveries = 0;
let latencies: number[] = [];
let sockets = 0;
let ready = 0;
let lastSeq = 0;
let gaps = 0;
/** Only positions generated in [since, until) count (set when a measurement starts and ends). */
let since = 0;
let until = Infinity;

function add(count: number): void {
  const target = sockets + count;
  if (count === 0) process.send?.({ type: 'ready' });
  for (; sockets < target; sockets++) {
    const i = sockets;
    const s = io(`${url}/live`, { transports: ['websocket'], auth: token ? { token } : {} });
    let seq = 0;
    s.on('snapshot', (m: { picture: { seq: number } }) => {
      seq = m.picture.seq;
      if (++ready === target) process.send?.({ type: 'ready' });
    });
    // Positions arrive as tuples [seq, unitId, lat, lon, time, ...] (see shared/src/wire.ts).
    s.on(
      'batch',
      (b: { from: number; to: number; positions: [number, string, number, number, number][] }) => {
        if (b.from !== seq + 1) gaps++;
        seq = b.to;
        if (i === 0) lastSeq = seq;
        const now = Date.now();
        for (const p of b.positions) {
          if (p[4] < since || p[4] >= until) continue;
          deliveries++;
          if (i % 10 === 0) latencies.push(now - p[4]);
        }
      },
    );
  }
}

add(Number(countArg));

process.on('message', (m: { type: string; since?: number; until?: number; count?: number }) => {
  if (m.type === 'add') add(m.count ?? 0);
  if (m.type === 'start') {
    since = m.since ?? 0;
    until = Infinity;
    deliveries = 0;
    latencies = [];
  }
  if (m.type === 'stop') until = m.until ?? Infinity;
  if (m.type === 'report') {
    process.send?.({ type: 'report', deliveries, latencies, lastSeq, gaps });
    deliveries = 0;
    latencies = [];
  }
  if (m.type === 'exit') process.exit(0);
});
