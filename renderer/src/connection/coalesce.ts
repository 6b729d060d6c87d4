/**
 * Live batches arrive ten times a second; with 10,000 units at 1 Hz each carries ~1,000 positions,
 * and every fold wakes the map and the panels. Folding each batch on arrival kept the page's main
 * thread busy all the time, so Socket.IO's heartbeat (answered on the same thread) missed the
 * server's ping timeout and the dashboard fell out of "live" (issue 19, point 2; docs/performance.md).
 *
 * This feed sits between the live client and the store feed: batches of positions only are queued
 * and folded together at most every FOLD_EVERY_MS, and after a fold that took `cost` ms the next
 * waits at least FREE_FACTOR × cost, so the page keeps most of its time for input and the socket
 * however slow it is. Anything else (a status, an incident, an acknowledgement) folds at once with
 * what is queued before it, so an operator's action shows without waiting for the window.
 */
import type { LageEvent } from '#shared/schemas';
import type { PictureFeed } from '../source/pictureSource.ts';

/** Positions wait at most this long before they are folded on a page that keeps up. */
export const FOLD_EVERY_MS = 250;
/** After a fold that cost `c` ms, the next one waits at least FREE_FACTOR × c: at most a third busy. */
export const FREE_FACTOR = 2;
/** However costly the folds, positions are never held longer than this. */
export const MAX_HOLD_MS = 2_000;

export interface CoalescingFeed extends PictureFeed {
  /** The seq the picture will have once what is queued is folded (contiguity is checked against it). */
  heldSeq(): number | undefined;
  /** Folds what is queued now (before a reconnect reads the picture's seq, in tests). */
  flush(): void;
  /** Stops the timer; what is still queued is dropped with the source. */
  close(): void;
  /** How many folds reached the store (for the bench and tests). */
  readonly folds: number;
}

export interface CoalesceClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: CoalesceClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function coalescingFeed(inner: PictureFeed, clock: CoalesceClock = realClock): CoalescingFeed {
  let queued: LageEvent[] = [];
  let queuedTo: number | undefined;
  let timer: unknown;
  /** Earliest time the next positions-only fold may run. */
  let nextAt = 0;
  let folds = 0;

  const cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  const flush = () => {
    cancel();
    if (queuedTo === undefined) return;
    const events = queued;
    const to = queuedTo;
    queued = [];
    queuedTo = undefined;
    const started = clock.now();
    inner.fold(events, to);
    folds++;
    const ended = clock.now();
    nextAt = ended + Math.min(MAX_HOLD_MS, Math.max(FOLD_EVERY_MS, FREE_FACTOR * (ended - started)));
  };

  return {
    get folds() {
      return folds;
    },
    heldSeq: () => queuedTo,
    flush,
    close: () => {
      cancel();
      queued = [];
      queuedTo = undefined;
    },
    fold(events, toSeq) {
      for (const e of events) queued.push(e);
      queuedTo = toSeq;
      if (events.some((e) => e.type !== 'unit.position')) return flush();
      if (timer !== undefined) return;
      timer = clock.setTimeout(
        () => {
          timer = undefined;
          flush();
        },
        Math.max(0, nextAt - clock.now()),
      );
    },
    // A whole picture makes whatever is queued obsolete.
    replace(picture, info) {
      cancel();
      queued = [];
      queuedTo = undefined;
      inner.replace(picture, info);
    },
    // What arrived before the connection changed is valid: folded before the presence changes.
    presence(presence, error) {
      flush();
      inner.presence(presence, error);
    },
    seeked: () => inner.seeked(),
    scope: (reads) => inner.scope(reads),
  };
}
