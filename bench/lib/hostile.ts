/**
 * A child process holding hostile wall sockets (issue 13, point 3): each connects in the wall view,
 * and on {type:'attack', perSocket} sends `resync` with seq 1 that many times (30 bytes each), then
 * reads whatever the server sends. Reports on request how many events arrived and how many resumes
 * the server has finished for it (a batch reaching the log's end).
 */
import { io, type Socket } from 'socket.io-client';

const [url, countArg, token] = process.argv.slice(2);
const n = Number(countArg);
const sockets: Socket[] = [];
let events = 0;
let ready = 0;

for (let i = 0; i < n; i++) {
  const s = io(`${url}/live`, {
    transports: ['websocket'],
    auth: { view: 'wall', ...(token ? { token } : {}) },
  });
  s.on('snapshot', () => {
    if (++ready === n) process.send?.({ type: 'ready' });
  });
  s.on('batch', (b: { from: number; to: number }) => {
    events += b.to - b.from + 1;
  });
  sockets.push(s);
}

process.on('message', (m: { type: string; perSocket?: number }) => {
  if (m.type === 'attack')
    for (const s of sockets) for (let k = 0; k < (m.perSocket ?? 1); k++) s.emit('resync', 1);
  if (m.type === 'report') process.send?.({ type: 'report', events });
  if (m.type === 'exit') process.exit(0);
});
