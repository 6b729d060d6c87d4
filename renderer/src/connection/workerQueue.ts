/**
 * What the live socket's worker holds for the page until the page takes it (socketWorker.ts). The
 * page takes one delivery at a time, so a page that stays busy would make this list grow without
 * end (10,000 units at 1 Hz are 10,000 events a second). Two steps keep it small:
 * - **Compacting**: once it holds more than a fifth of the bound, runs of checked batches that
 *   follow each other without a gap are merged into one, and a position is left out where a later
 *   one of the same unit in that run is at least as new: the picture folded from the merged batch is
 *   the one the separate batches give (the reducer keeps the newest fix), only trails miss the points
 *   in between. A page that falls behind gets each unit's latest position, not every report.
 * - **Bounded**: if it still holds more than MAX_QUEUED_EVENTS the queued batches are dropped and one
 *   `overflow` takes their place at the end, after which the page asks the server for a resync from
 *   the seq it holds (liveClient.ts).
 * Everything that is not a batch (connect, disconnect, snapshot, basemap change) is kept, in order.
 */
import type { Batch } from '#shared/wire';
import type { LageEvent } from '#shared/schemas';
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

/**
 * The events of contiguous batches as one: a position is left out where a later position of the
 * same unit is at least as new (the reducer would replace it, shared/src/reducer.ts `position`).
 */
export function mergeBatches(batches: readonly Batch[]): Batch {
  const all: LageEvent[] = [];
  for (const b of batches) for (const e of b.events) all.push(e);
  const newestLater = new Map<string, number>();
  const kept: LageEvent[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const e = all[i]!;
    if (e.type === 'unit.position') {
      const later = newestLater.get(e.unitId);
      if (later !== undefined && later >= e.time) continue;
      newestLater.set(e.unitId, e.time);
    }
    kept.push(e);
  }
  kept.reverse();
  const first = batches[0]!;
  const last = batches[batches.length - 1]!;
  return { from: first.from, to: last.to, now: last.now, events: kept };
}

export class DeliveryQueue {
  private list: SocketHappening[] = [];
  private events = 0;
  /** Compact again only once the queue has grown past this (twice what the last compaction left). */
  private compactAt: number;

  constructor(private readonly max: number = MAX_QUEUED_EVENTS) {
    this.compactAt = Math.max(1, Math.floor(max / 5));
  }

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
    if (this.events > this.compactAt) {
      this.compact();
      this.compactAt = Math.max(Math.floor(this.max / 5), 2 * this.events);
    }
    if (this.events <= this.max) return false;
    this.shed(this.list.at(-1)?.at ?? Date.now());
    return true;
  }

  /** Everything queued, in order; the queue is empty afterwards. */
  take(): SocketHappening[] {
    const list = this.list;
    this.list = [];
    this.events = 0;
    this.compactAt = Math.max(1, Math.floor(this.max / 5));
    return list;
  }

  /** Merges each run of checked batches that continue one another (mergeBatches). */
  private compact(): void {
    const out: SocketHappening[] = [];
    let run: Extract<SocketHappening, { kind: 'batch' }>[] = [];
    const endRun = () => {
      if (run.length === 1) out.push(run[0]!);
      else if (run.length > 1)
        out.push({ kind: 'batch', batch: mergeBatches(run.map((h) => h.batch)), at: run.at(-1)!.at });
      run = [];
    };
    for (const h of this.list) {
      if (h.kind === 'batch' && (run.length === 0 || h.batch.from === run.at(-1)!.batch.to + 1)) {
        run.push(h);
        continue;
      }
      endRun();
      if (h.kind === 'batch') run.push(h);
      else out.push(h);
    }
    endRun();
    this.list = out;
    this.events = out.reduce((n, h) => n + batchSize(h), 0);
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
