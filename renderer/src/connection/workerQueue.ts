/**
 * What the live socket's worker holds for the page until the page takes it (socketWorker.ts). The
 * page takes one delivery at a time, so a page that stays busy would make this list grow without
 * end (10,000 units at 1 Hz are 10,000 events a second). It is bounded: past MAX_QUEUED_EVENTS the
 * queued batches are dropped and one `overflow` takes their place at the end, after which the page
 * asks the server for a resync from the seq it holds (liveClient.ts). Everything that is not a
 * batch (connect, disconnect, snapshot, basemap change) is kept, in order.
 */
import type { SocketHappening } from './workerProtocol.ts';

/**
 * The server's default resume limit (server/src/config.ts `maxResumeEvents`): beyond it a resync is
 * answered with a snapshot anyway, so holding more would cost memory and buy nothing.
 */
export const MAX_QUEUED_EVENTS = 50_000;

const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

/**
 * Events a happening carries when it is a live batch: checked and decoded, or as it came (wire form:
 * events plus position tuples; one that failed the check).
 */
export function batchSize(h: SocketHappening): number {
  if (h.kind === 'batch') return 1 + h.batch.events.length;
  if (h.kind !== 'event' || h.event !== 'batch') return 0;
  const b = h.args[0] as { events?: unknown; positions?: unknown } | null | undefined;
  return 1 + count(b?.events) + count(b?.positions);
}

export class DeliveryQueue {
  private list: SocketHappening[] = [];
  private events = 0;

  constructor(private readonly max: number = MAX_QUEUED_EVENTS) {}

  get length(): number {
    return this.list.length;
  }

  /** Batch events queued now (what the bound counts). */
  get queuedEvents(): number {
    return this.events;
  }

  push(h: SocketHappening): void {
    this.list.push(h);
    this.events += batchSize(h);
  }

  /**
   * Applies the bound to what the page has not taken (called after a delivery was tried, so one
   * large batch for a page that is ready goes out whole); true when batches were dropped.
   */
  trim(): boolean {
    if (this.events <= this.max) return false;
    this.shed(this.list.at(-1)?.at ?? Date.now());
    return true;
  }

  /** Everything queued, in order; the queue is empty afterwards. */
  take(): SocketHappening[] {
    const list = this.list;
    this.list = [];
    this.events = 0;
    return list;
  }

  /** Drops the queued batches; one overflow at the end says how many events went. */
  private shed(at: number): void {
    let dropped = 0;
    const kept: SocketHappening[] = [];
    for (const h of this.list) {
      if (h.kind === 'overflow') dropped += h.dropped;
      else if (batchSize(h) > 0) dropped += batchSize(h);
      else kept.push(h);
    }
    kept.push({ kind: 'overflow', dropped, at });
    this.list = kept;
    this.events = 0;
  }
}
