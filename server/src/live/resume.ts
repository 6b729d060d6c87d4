/**
 * Bringing a dashboard up to date from its last seq, without letting one socket hold the server.
 * A `resync` far back once read and sent ~50,000 events in one go while everything else waited
 * (issue 13, point 3). Now:
 * - pages: at most RESUME_PAGE events are read, redacted and sent per step;
 * - a time slice: one turn of the event loop does at most SLICE_MS of resume work over all sockets
 *   (round robin); a slice that used all its time is followed by a rest of REST_MS before the next,
 *   so resumes take at most about half of the process's time and HTTP requests and live batches
 *   of the other dashboards run in between (a slice that ran out of work needs no rest);
 * - a page budget: all resumes together send at most RESUME_PAGES_PER_S pages a second;
 * - backpressure: a socket whose previous page has not left the process yet (its transport is not
 *   writable or its write buffer is not empty) gets no next page until it has;
 * - a per-socket rate: RESYNC_BURST resyncs, then one per RESYNC_EVERY_MS; one asked for beyond
 *   that waits (only the newest is kept) instead of being served at once.
 */
import type { Socket } from 'socket.io';

export const RESUME_PAGE = 1_000;
export const SLICE_MS = 8;
/** Pause after a full slice: resumes get at most SLICE_MS / (SLICE_MS + REST_MS) of the time. */
export const REST_MS = 8;
export const RESYNC_BURST = 3;
export const RESYNC_EVERY_MS = 10_000;
/**
 * All resumes together send at most this many pages a second (a page is RESUME_PAGE events): one
 * dashboard catching up on 50,000 events takes under 2 s, a hundred hostile resyncs share the
 * same budget instead of taking the server's whole output.
 */
export const RESUME_PAGES_PER_S = 30;
/** How soon a socket that was not writable is looked at again. */
const CONGESTED_RETRY_MS = 5;

/** What the hub does with one resume job: send the next page; true when the socket is up to date. */
export type Step<S> = (socket: S) => boolean;

interface EngineConn {
  writeBuffer?: unknown[];
  transport?: { writable?: boolean };
}

/** Has everything emitted to this socket been handed to the operating system? */
export function writable(socket: Pick<Socket, 'conn'>): boolean {
  const conn = socket.conn as unknown as EngineConn | undefined;
  if (!conn) return true;
  return (conn.writeBuffer?.length ?? 0) === 0 && conn.transport?.writable !== false;
}

export class ResumeQueue<S extends Pick<Socket, 'conn' | 'connected'>> {
  private readonly jobs = new Set<S>();
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Pages that may be sent now (a token bucket of one second of RESUME_PAGES_PER_S). */
  private pages = RESUME_PAGES_PER_S;
  private refilledAt = performance.now();

  constructor(private readonly step: Step<S>) {}

  private refill(now: number): void {
    this.pages = Math.min(
      RESUME_PAGES_PER_S,
      this.pages + ((now - this.refilledAt) / 1000) * RESUME_PAGES_PER_S,
    );
    this.refilledAt = now;
  }

  /** Queues (or keeps) the socket's resume; the hub holds where it stands. */
  add(socket: S): void {
    this.jobs.add(socket);
    this.wake();
  }

  delete(socket: S): void {
    this.jobs.delete(socket);
  }

  has(socket: S): boolean {
    return this.jobs.has(socket);
  }

  get size(): number {
    return this.jobs.size;
  }

  close(): void {
    this.jobs.clear();
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = this.timer = undefined;
  }

  private wake(): void {
    if (this.immediate) return;
    this.immediate = setImmediate(() => this.run());
  }

  private run(): void {
    this.immediate = undefined;
    const started = performance.now();
    const deadline = started + SLICE_MS;
    this.refill(started);
    let waiting = false;
    // One page per socket per round; rounds until the slice is used up or nothing can go on.
    for (;;) {
      let progressed = false;
      for (const socket of [...this.jobs]) {
        if (!socket.connected) {
          this.jobs.delete(socket);
          continue;
        }
        if (!writable(socket)) {
          waiting = true;
          continue;
        }
        if (this.pages < 1) return this.again((1 - this.pages) * (1000 / RESUME_PAGES_PER_S));
        progressed = true;
        this.pages -= 1;
        if (this.step(socket)) this.jobs.delete(socket);
        if (performance.now() >= deadline) return this.again();
      }
      if (!progressed) break;
    }
    if (waiting && !this.timer)
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.wake();
      }, CONGESTED_RETRY_MS);
  }

  private again(afterMs = REST_MS): void {
    if (!this.jobs.size || this.immediate || this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.wake();
      },
      Math.max(REST_MS, afterMs),
    );
  }
}

/** Per-socket resync budget: a token bucket; the newest request beyond it waits for a token. */
export class ResyncBudget<S> {
  private readonly buckets = new Map<S, { tokens: number; at: number; timer?: NodeJS.Timeout }>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Runs `serve` now if the socket has a token left, else once it has one (a later request
   * replaces a waiting one: only the newest matters).
   */
  request(socket: S, serve: () => void): void {
    const b = this.refill(socket);
    if (b.timer) clearTimeout(b.timer);
    b.timer = undefined;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return serve();
    }
    const wait = Math.ceil((1 - b.tokens) * RESYNC_EVERY_MS);
    b.timer = setTimeout(() => {
      b.timer = undefined;
      this.request(socket, serve);
    }, wait);
  }

  forget(socket: S): void {
    const b = this.buckets.get(socket);
    if (b?.timer) clearTimeout(b.timer);
    this.buckets.delete(socket);
  }

  close(): void {
    for (const s of [...this.buckets.keys()]) this.forget(s);
  }

  private refill(socket: S) {
    const now = this.now();
    const b = this.buckets.get(socket) ?? { tokens: RESYNC_BURST, at: now };
    b.tokens = Math.min(RESYNC_BURST, b.tokens + (now - b.at) / RESYNC_EVERY_MS);
    b.at = now;
    this.buckets.set(socket, b);
    return b;
  }
}
