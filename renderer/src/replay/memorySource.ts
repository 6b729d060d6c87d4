/**
 * A replay source over an event log held in memory, with the server's rules (server/src/replay/
 * query.ts): the picture at t folds the log up to the last event at or before t; a page holds the
 * events of [from, to) in log order after afterSeq. For tests, and for a recording loaded locally.
 */
import { applyAll } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { EventPage, ReplaySource } from './source.ts';

export class MemorySource implements ReplaySource {
  pictureCalls = 0;
  eventCalls = 0;
  constructor(private readonly log: readonly LageEvent[]) {}

  /** Seq of the latest event (by time, then seq) at or before t; 0 before the first. */
  seqAt(t: number): number {
    let best: LageEvent | undefined;
    for (const e of this.log) {
      if (e.time <= t && (!best || e.time > best.time || (e.time === best.time && e.seq > best.seq)))
        best = e;
    }
    return best?.seq ?? 0;
  }

  pictureAtSync(t: number): Picture {
    const seq = this.seqAt(t);
    return applyAll(
      emptyPicture(),
      this.log.filter((e) => e.seq <= seq),
    );
  }

  picture(t: number): Promise<Picture> {
    this.pictureCalls++;
    return Promise.resolve(this.pictureAtSync(t));
  }

  events(from: number, to: number, afterSeq: number, limit: number): Promise<EventPage> {
    this.eventCalls++;
    const first = [...this.log].sort((a, b) => a.time - b.time || a.seq - b.seq).find((e) => e.time >= from);
    const last = this.seqAt(to - 1);
    if (!first || last < first.seq) return Promise.resolve({ events: [], nextAfterSeq: null });
    const after = Math.max(first.seq - 1, afterSeq);
    const events = this.log.filter((e) => e.seq > after && e.seq <= last).slice(0, limit);
    const end = events[events.length - 1]?.seq;
    return Promise.resolve({ events, nextAfterSeq: end !== undefined && end < last ? end : null });
  }
}
