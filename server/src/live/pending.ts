import type { LageEvent } from '#shared/schemas';

/**
 * Events committed since the last live batch. Positions are coalesced per unit: only the newest fix
 * of a unit survives (the reducer would discard an older one anyway), every other event is kept.
 */
export class Pending {
  private events: (LageEvent | null)[] = [];
  private readonly positionAt = new Map<string, number>();
  private lastSeq = 0;

  get isEmpty(): boolean {
    return this.events.length === 0;
  }

  add(events: readonly LageEvent[]): void {
    for (const e of events) {
      this.lastSeq = e.seq;
      if (e.type !== 'unit.position') {
        this.events.push(e);
        continue;
      }
      const at = this.positionAt.get(e.unitId);
      const prev = at === undefined ? null : this.events[at];
      if (prev && prev.type === 'unit.position' && prev.time > e.time) continue;
      if (at !== undefined) this.events[at] = null;
      this.positionAt.set(e.unitId, this.events.length);
      this.events.push(e);
    }
  }

  /** Takes everything pending; `to` is the last seq covered (including coalesced-away events). */
  take(): { to: number; events: LageEvent[] } {
    const events = this.events.filter((e): e is LageEvent => e !== null);
    this.events = [];
    this.positionAt.clear();
    return { to: this.lastSeq, events };
  }
}
