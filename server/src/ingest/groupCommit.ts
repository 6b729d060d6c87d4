/**
 * Group commit for adapters that receive one message per request or datagram (OsmAnd, CoT, TETRA):
 * each message is validated on its own by toEvents (the same checks as the JSON API), and all
 * messages that arrived in the same turn of the event loop are committed in one transaction, so a
 * durable commit (fsync) is paid per turn, not per message. Each sender is answered only after
 * the commit that holds its events.
 */
import type { IngestKind } from '#shared/schemas';
import type { IngestAck } from '#shared/wire';
import { UnfoldableError, type Lage } from '../lage.ts';
import { boundUnitRefusal, ingest, ingestShared, storeFailure } from './ingest.ts';
import { toEvents } from './toEvents.ts';
import type { NewEvent } from '#shared/schemas';

interface Pending {
  kind: IngestKind;
  /** The request's items; anything but an array is refused by toEvents like a single request. */
  items: unknown;
  by: string;
  unit: string | undefined;
  done: (ack: IngestAck) => void;
}

interface Accepted {
  p: Pending;
  events: NewEvent[];
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly lage: Lage,
    private readonly maxItems: number,
  ) {}

  /** Validates and commits `items` (with the next group); resolves after the commit. */
  submit(kind: IngestKind, items: unknown, by: string, unit?: string): Promise<IngestAck> {
    return new Promise((done) => {
      this.queue.push({ kind, items, by, unit, done });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const queue = this.queue;
    this.queue = [];
    this.scheduled = false;
    const now = Date.now();
    // Several nodes: the shared log batches the writes of a turn into one transaction itself.
    if (this.lage.shared) {
      for (const p of queue)
        void ingestShared(this.lage, p.kind, p.items, p.by, this.maxItems, p.unit).then(p.done);
      return;
    }
    let group: Accepted[] = [];
    for (const p of queue) {
      // Registrations and incidents depend on each other's order: those go alone, through ingest(),
      // after the positions and statuses that arrived before them (arrival order is kept).
      if (p.kind !== 'positions' && p.kind !== 'status') {
        this.commitGroup(group, now);
        group = [];
        p.done(ingest(this.lage, p.kind, p.items, p.by, this.maxItems, p.unit));
        continue;
      }
      const refused = p.unit === undefined ? undefined : boundUnitRefusal(p.kind, p.items, p.unit, p.by);
      if (refused) {
        p.done({ ok: false, status: 403, error: refused });
        continue;
      }
      const r = toEvents(p.kind, p.items, {
        picture: this.lage.picture,
        now,
        by: p.by,
        maxItems: this.maxItems,
      });
      if (!r.ok) p.done(r);
      else group.push({ p, events: r.events });
    }
    this.commitGroup(group, now);
  }

  /** Commits the validated requests in one transaction and answers each. */
  private commitGroup(accepted: readonly Accepted[], now: number): void {
    if (accepted.length === 0) return;
    const all = accepted.flatMap((a) => a.events);
    try {
      this.lage.commit(all, now);
    } catch (err) {
      // One sender's unfoldable event must not fail the others: then each commits on its own.
      if (err instanceof UnfoldableError && accepted.length > 1) {
        for (const { p, events } of accepted) p.done(this.commitOne(events, now));
        return;
      }
      for (const { p } of accepted) p.done(failure(err));
      return;
    }
    // Each sender learns the seq of its own last event (as a request committed alone would).
    let seq = this.lage.seq - all.length;
    for (const { p, events } of accepted) {
      seq += events.length;
      p.done({ ok: true, accepted: events.length, seq });
    }
  }

  private commitOne(events: NewEvent[], now: number): IngestAck {
    try {
      this.lage.commit(events, now);
      return { ok: true, accepted: events.length, seq: this.lage.seq };
    } catch (err) {
      return failure(err);
    }
  }
}

/** The same answers as ingest(): 422 for what the picture cannot take, 503 for a failed write. */
export const failure = storeFailure;
