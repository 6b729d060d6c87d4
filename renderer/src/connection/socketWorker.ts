/**
 * The live socket in a worker (started by workerSocket.ts). Socket.IO answers the server's ping
 * from here, so a page whose main thread is busy for seconds is not dropped as "ping timeout"
 * (issue 19, point 2: with 10,000 units the dashboard kept falling out of "live"). Everything the
 * socket hears is queued in order and handed to the page in one message once the page has handled
 * the previous one, so a busy page gets one larger delivery instead of a backlog of small ones.
 */
import { io, type Socket } from 'socket.io-client';
import type { FromWorker, SocketHappening, ToWorker } from './workerProtocol.ts';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  close(): void;
}
const scope = self as unknown as WorkerScope;

let socket: Socket | undefined;
let queue: SocketHappening[] = [];
/** The page takes one delivery at a time. */
let pageReady = true;
const authWaiters: ((data: object) => void)[] = [];

function deliver(): void {
  if (!pageReady || queue.length === 0 || !socket) return;
  pageReady = false;
  const facts = { id: socket.id, connected: socket.connected, active: socket.active };
  scope.postMessage({ t: 'deliver', list: queue, facts });
  queue = [];
}

function happened(h: SocketHappening): void {
  queue.push(h);
  deliver();
}

function open(url: string, options: Extract<ToWorker, { t: 'open' }>['options']): void {
  socket = io(url, {
    ...options,
    // Asked of the page on every attempt: it knows the seq it holds.
    auth: (cb) => {
      authWaiters.push(cb);
      scope.postMessage({ t: 'auth' });
    },
  });
  socket.on('connect', () => happened({ kind: 'connect', at: Date.now() }));
  socket.on('disconnect', (reason) => happened({ kind: 'disconnect', reason, at: Date.now() }));
  socket.on('connect_error', (err: Error & { data?: unknown }) =>
    happened({ kind: 'connect_error', message: err.message, data: err.data, at: Date.now() }),
  );
  socket.onAny((event: string, ...args: unknown[]) =>
    happened({ kind: 'event', event, args, at: Date.now() }),
  );
}

scope.onmessage = (e) => {
  const m = e.data;
  switch (m.t) {
    case 'open':
      return open(m.url, m.options);
    case 'auth':
      return authWaiters.shift()?.(m.data);
    case 'emit':
      return void socket?.emit(m.event, ...m.args);
    case 'call':
      if (!socket) return scope.postMessage({ t: 'reply', id: m.id, ok: false, error: 'no socket' });
      return void socket
        .timeout(m.timeoutMs)
        .emitWithAck(m.event, ...m.args)
        .then(
          (value: unknown) => scope.postMessage({ t: 'reply', id: m.id, ok: true, value }),
          (err: unknown) =>
            scope.postMessage({
              t: 'reply',
              id: m.id,
              ok: false,
              error: err instanceof Error ? err.message : String(err),
            }),
        );
    case 'connect':
      return void socket?.connect();
    case 'ready':
      pageReady = true;
      return deliver();
    case 'close':
      socket?.close();
      return scope.close();
  }
};
scope.postMessage({ t: 'started' });
