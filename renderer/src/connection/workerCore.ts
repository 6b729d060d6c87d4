/**
 * The live socket's side of the worker (socketWorker.ts is its entry; workerSocket.ts the page's
 * side). Socket.IO answers the server's ping from here, so a page whose main thread is busy for
 * seconds is not dropped as "ping timeout" (issue 19, point 2: with 10,000 units the dashboard kept
 * falling out of "live"). Everything the socket hears is queued in order (bounded: workerQueue.ts)
 * and handed to the page in one message once the page has handled the previous one, so a busy page
 * gets one larger delivery instead of a backlog of small ones. A function of its scope, not of the
 * global `self`, so the server tests can run it against the real server over a MessageChannel.
 */
import { io, type Socket } from 'socket.io-client';
import { batchSchema } from '#shared/wire';
import type { FromWorker, SocketHappening, ToWorker } from './workerProtocol.ts';
import { DeliveryQueue, MAX_QUEUED_EVENTS } from './workerQueue.ts';

export interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  close(): void;
}

/**
 * `heard`: told of everything the socket hears as it arrives, before the page gets it (the server
 * tests wait on it to know what a held page has not taken yet).
 */
/**
 * Tells `sink` of everything `socket` hears, in order and stamped with when it arrived: here in the
 * worker, and on the page's thread where no worker runs (workerSocket.ts). Live batches are checked
 * and decoded here (`kind: 'batch'`): in the worker that takes the schema check of every position
 * off the page's main thread. One that fails the check goes on unchanged, for the page to report.
 */
export function listen(socket: Socket, sink: (h: SocketHappening) => void): void {
  socket.on('connect', () => sink({ kind: 'connect', at: Date.now() }));
  socket.on('disconnect', (reason) => sink({ kind: 'disconnect', reason, at: Date.now() }));
  socket.on('connect_error', (err: Error & { data?: unknown }) =>
    sink({ kind: 'connect_error', message: err.message, data: err.data, at: Date.now() }),
  );
  socket.onAny((event: string, ...args: unknown[]) => {
    const at = Date.now();
    if (event === 'batch' && args.length === 1) {
      const parsed = batchSchema.safeParse(args[0]);
      if (parsed.success) return sink({ kind: 'batch', batch: parsed.data, at });
    }
    sink({ kind: 'event', event, args, at });
  });
}

export function runSocketWorker(
  scope: WorkerScope,
  maxQueuedEvents = MAX_QUEUED_EVENTS,
  heard?: (h: SocketHappening) => void,
): void {
  let socket: Socket | undefined;
  const queue = new DeliveryQueue(maxQueuedEvents);
  /** The page takes one delivery at a time. */
  let pageReady = true;
  const authWaiters: ((data: object) => void)[] = [];

  function deliver(): void {
    if (!pageReady || queue.length === 0 || !socket) return;
    pageReady = false;
    const facts = { id: socket.id, connected: socket.connected, active: socket.active };
    scope.postMessage({ t: 'deliver', list: queue.take(), facts });
  }

  function happened(h: SocketHappening): void {
    heard?.(h);
    queue.push(h);
    deliver();
    // Whatever the page did not take now counts against the bound.
    queue.trim();
  }

  function open(url: string, options: Extract<ToWorker, { t: 'open' }>['options']): void {
    socket = io(url, {
      ...options,
      // One socket per worker: a cached manager would only be shared where workers share a module
      // instance (the server tests, which run several on one thread).
      forceNew: true,
      // Asked of the page on every attempt: it knows the seq it holds (and the token, if any).
      auth: (cb) => {
        authWaiters.push(cb);
        scope.postMessage({ t: 'auth' });
      },
    });
    listen(socket, happened);
  }

  function call(m: Extract<ToWorker, { t: 'call' }>): void {
    if (!socket) return scope.postMessage({ t: 'reply', id: m.id, ok: false, error: 'no socket' });
    socket
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
        return call(m);
      case 'connect':
        return void socket?.connect();
      case 'ready':
        pageReady = true;
        return deliver();
      case 'close':
        socket?.close();
        queue.take();
        return scope.close();
    }
  };
  scope.postMessage({ t: 'started' });
}
