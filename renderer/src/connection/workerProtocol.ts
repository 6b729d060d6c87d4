/**
 * Messages between the page and the live socket's worker (socketWorker.ts, workerSocket.ts). The
 * worker owns the Socket.IO connection, so its heartbeat is answered even while the page's main
 * thread is busy for seconds (10,000 units on a software-rendered map); the page takes what arrived
 * in one message whenever it is ready for more (one message in flight: backpressure).
 */
import type { Batch } from '#shared/wire';

/** The socket options the live client uses; everything else stays at Socket.IO's defaults. */
export interface WorkerSocketOptions {
  reconnection: boolean;
  reconnectionDelay: number;
  reconnectionDelayMax: number;
  forceNew: boolean;
}

/** One thing that happened on the socket, in order; `at` is when the worker received it (epoch ms). */
export type SocketHappening =
  | { kind: 'connect'; at: number }
  | { kind: 'disconnect'; reason: string; at: number }
  | { kind: 'connect_error'; message: string; data: unknown; at: number }
  | { kind: 'event'; event: string; args: unknown[]; at: number }
  /**
   * A live batch already checked and decoded where the socket runs (batchSchema, in listen()), so the
   * page's main thread does not validate every position again. A batch that fails the check comes as
   * a plain `event` and the page reports it as invalid.
   */
  | { kind: 'batch'; batch: Batch; at: number }
  /** The page fell so far behind that queued batches were dropped (workerQueue.ts): resync. */
  | { kind: 'overflow'; dropped: number; at: number };

export interface SocketFacts {
  id: string | undefined;
  connected: boolean;
  active: boolean;
}

export type ToWorker =
  | { t: 'open'; url: string; options: WorkerSocketOptions }
  | { t: 'auth'; data: object }
  | { t: 'emit'; event: string; args: unknown[] }
  | { t: 'call'; id: number; event: string; args: unknown[]; timeoutMs: number }
  | { t: 'connect' }
  | { t: 'close' }
  /** The page handled the last delivery and takes the next. */
  | { t: 'ready' };

export type FromWorker =
  | { t: 'started' }
  | { t: 'deliver'; list: SocketHappening[]; facts: SocketFacts }
  | { t: 'auth' }
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: string };
