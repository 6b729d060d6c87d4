/**
 * The live socket as liveClient.ts uses it. In a browser (and Electron) the Socket.IO connection
 * lives in a worker (socketWorker.ts): its heartbeat does not wait for the page's main thread, so a
 * page busy with 10,000 units is not cut off by the server as "ping timeout" (issue 19, point 2).
 * Where no worker can run (Node: the server tests) or the worker fails to start, the same object
 * drives a socket on this thread instead. Handlers get what happened in order; `receivedAt` is
 * when it reached the socket, not when this busy thread got round to it, so data age stays true.
 */
import { io, type Socket } from 'socket.io-client';
import type { Batch } from '#shared/wire';
import type { FromWorker, SocketHappening, ToWorker, WorkerSocketOptions } from './workerProtocol.ts';
import { listen } from './workerCore.ts';

type Handler = (...args: unknown[]) => void;
export type AuthCallback = (cb: (data: object) => void) => void;

export interface LiveSocketHandle {
  readonly id: string | undefined;
  readonly connected: boolean;
  readonly active: boolean;
  /** When the message being handled reached the socket (epoch ms). */
  readonly receivedAt: number;
  /** True when the socket runs in a worker. */
  readonly inWorker: boolean;
  on(event: string, fn: Handler): void;
  /**
   * Live batches already checked and decoded where the socket runs (listen() in workerCore.ts); a
   * batch that failed the check reaches `on('batch')` as it came.
   */
  onBatch(fn: (batch: Batch) => void): void;
  /** The worker dropped queued batches for a page that fell too far behind (workerQueue.ts). */
  onOverflow(fn: (dropped: number) => void): void;
  emit(event: string, ...args: unknown[]): void;
  call(event: string, arg: unknown, timeoutMs: number): Promise<unknown>;
  connect(): void;
  close(): void;
  removeAllListeners(): void;
}

export function openLiveSocket(
  url: string,
  options: WorkerSocketOptions & { auth: AuthCallback },
): LiveSocketHandle {
  return new SocketHandle(url, options);
}

function startWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    return new Worker(new URL('./socketWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
}

class SocketHandle implements LiveSocketHandle {
  private handlers = new Map<string, Handler[]>();
  private overflowHandlers: ((dropped: number) => void)[] = [];
  private batchHandlers: ((batch: Batch) => void)[] = [];
  private worker: Worker | undefined;
  private direct: Socket | undefined;
  private facts = { id: undefined as string | undefined, connected: false, active: true };
  private calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextCall = 1;
  private started = false;
  private closed = false;
  receivedAt = Date.now();

  constructor(
    private readonly url: string,
    private readonly options: WorkerSocketOptions & { auth: AuthCallback },
  ) {
    this.worker = startWorker();
    if (!this.worker) {
      this.openDirect();
      return;
    }
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.fromWorker(e.data);
    // A worker that cannot start (blocked, unsupported): the socket runs on this thread instead.
    this.worker.onerror = () => {
      if (this.started) return;
      this.worker?.terminate();
      this.worker = undefined;
      if (!this.closed) this.openDirect();
    };
    const { auth: _auth, ...socketOptions } = options;
    this.post({ t: 'open', url, options: socketOptions });
  }

  get inWorker(): boolean {
    return this.worker !== undefined;
  }
  get id() {
    return this.direct ? this.direct.id : this.facts.id;
  }
  get connected() {
    return this.direct ? this.direct.connected : this.facts.connected;
  }
  get active() {
    return this.direct ? this.direct.active : this.facts.active;
  }

  on(event: string, fn: Handler): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
  }

  onOverflow(fn: (dropped: number) => void): void {
    this.overflowHandlers.push(fn);
  }

  onBatch(fn: (batch: Batch) => void): void {
    this.batchHandlers.push(fn);
  }

  removeAllListeners(): void {
    this.handlers.clear();
    this.overflowHandlers = [];
    this.batchHandlers = [];
  }

  emit(event: string, ...args: unknown[]): void {
    if (this.direct) this.direct.emit(event, ...args);
    else this.post({ t: 'emit', event, args });
  }

  call(event: string, arg: unknown, timeoutMs: number): Promise<unknown> {
    if (this.direct) return this.direct.timeout(timeoutMs).emitWithAck(event, arg) as Promise<unknown>;
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.post({ t: 'call', id, event, args: [arg], timeoutMs });
    });
  }

  connect(): void {
    if (this.direct) this.direct.connect();
    else this.post({ t: 'connect' });
  }

  close(): void {
    this.closed = true;
    this.direct?.close();
    this.post({ t: 'close' });
    this.facts = { ...this.facts, connected: false, active: false };
    for (const c of this.calls.values()) c.reject(new Error('socket closed'));
    this.calls.clear();
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private dispatch(h: SocketHappening): void {
    this.receivedAt = h.at;
    const run = (event: string, ...args: unknown[]) => {
      for (const fn of this.handlers.get(event) ?? []) fn(...args);
    };
    if (h.kind === 'connect') run('connect');
    else if (h.kind === 'disconnect') run('disconnect', h.reason);
    else if (h.kind === 'connect_error')
      run('connect_error', Object.assign(new Error(h.message), { data: h.data }));
    else if (h.kind === 'overflow') for (const fn of this.overflowHandlers) fn(h.dropped);
    else if (h.kind === 'batch') for (const fn of this.batchHandlers) fn(h.batch);
    else run(h.event, ...h.args);
  }

  private fromWorker(m: FromWorker): void {
    if (m.t === 'started') this.started = true;
    else if (m.t === 'auth') this.options.auth((data) => this.post({ t: 'auth', data }));
    else if (m.t === 'reply') {
      const c = this.calls.get(m.id);
      this.calls.delete(m.id);
      if (m.ok) c?.resolve(m.value);
      else c?.reject(new Error(m.error));
    } else {
      this.facts = m.facts;
      try {
        for (const h of m.list) if (!this.closed) this.dispatch(h);
      } finally {
        // Only now the next delivery: what arrived meanwhile comes in one message.
        this.post({ t: 'ready' });
      }
    }
  }

  private openDirect(): void {
    const { auth, ...socketOptions } = this.options;
    const s = io(this.url, { ...socketOptions, auth });
    this.direct = s;
    listen(s, (h) => this.dispatch(h));
  }
}
