/**
 * A child process holding N real Socket.IO dashboards. It counts position deliveries and measures
 * ingest-to-dashboard latency from each position's `time` (set by the load generator at send time).
 * Reports to the parent over IPC: { deliveries, latencies } on request.
 */
import { io } from 'socket.io-client';

const [url, countArg, token] = process.argv.slice(2);
const n = Number(countArg);
let deliveries = 0;
let latencies: number[] = [];
let ready = 0;
let lastSeq = 0;
let gaps = 0;
/** Only positions generated at or after this time count (set when the measurement starts). */
let since = 0;

for (let i = 0; i < n; i++) {
  const s = io(`${url}/live`, { transports: ['websocket'], auth: token ? { token } : {} });
  let seq = 0;
  s.on('snapshot', (m: { picture: { seq: number } }) => {
    seq = m.picture.seq;
    if (++ready === n) process.send?.({ type: 'ready' });
  });
  // Positions arrive as tuples [seq, unitId, lat, lon, time, ...] (see shared/src/wire.ts).
  s.on('batch', (b: { from: number; to: number; positions: [number, string, number, number, number][] }) => {
    if (b.from !== seq + 1) gaps++;
    seq = b.to;
    if (i === 0) lastSeq = seq;
    const now = Date.now();
    for (const p of b.positions) {
      if (p[4] < since) continue;
      deliveries++;
      if (i % 10 === 0) latencies.push(now - p[4]);
    }
  });
}

process.on('message', (m: { type: string; since?: number }) => {
  if (m.type === 'start') {
    since = m.since ?? 0;
    deliveries = 0;
    latencies = [];
  }
  if (m.type === 'report') {
    process.send?.({ type: 'report', deliveries, latencies, lastSeq, gaps });
    deliveries = 0;
    latencies = [];
  }
  if (m.type === 'exit') process.exit(0);
});
