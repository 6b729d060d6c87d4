/**
 * Refusals of anonymous callers, counted: one audit row per source address and clock minute with
 * the count, instead of one durable row per request (180 rows/s from one scanner, unbounded; issue
 * 13, point 3). A minute's row is written when the minute is over (Auth checks every few seconds)
 * and at shutdown; a crash loses at most the counts of the current minute.
 */
import type { AuditInput } from './audit.ts';

export const MINUTE_MS = 60_000;
/** Distinct sources per minute; beyond that they are counted together as OTHER_SOURCES. */
export const MAX_SOURCES = 1_000;
export const OTHER_SOURCES = 'other sources';
/** Distinct targets and reasons kept per row (the count covers them all). */
const MAX_LISTED = 10;

interface Tally {
  minute: number;
  source: string;
  count: number;
  targets: string[];
  whys: string[];
}

export class RefusalTally {
  private readonly open = new Map<string, Tally>();

  /** Counts one refusal of an anonymous caller from `source` (its address). */
  add(source: string, target: string, why: string, now: number): void {
    const minute = Math.floor(now / MINUTE_MS);
    let key = `${minute} ${source}`;
    if (!this.open.has(key) && this.sourcesIn(minute) >= MAX_SOURCES) {
      source = OTHER_SOURCES;
      key = `${minute} ${source}`;
    }
    let t = this.open.get(key);
    if (!t) this.open.set(key, (t = { minute, source, count: 0, targets: [], whys: [] }));
    t.count++;
    if (t.targets.length < MAX_LISTED && !t.targets.includes(target)) t.targets.push(target);
    if (t.whys.length < MAX_LISTED && !t.whys.includes(why)) t.whys.push(why);
  }

  /** The rows of every minute before `now`'s (all of them when `all`), removed from the tally. */
  take(now: number, all = false): AuditInput[] {
    const current = Math.floor(now / MINUTE_MS);
    const rows: AuditInput[] = [];
    for (const [key, t] of this.open) {
      if (!all && t.minute >= current) continue;
      this.open.delete(key);
      rows.push({
        actor: 'anonymous',
        action: 'refused',
        target: t.targets[0] ?? '',
        details: {
          why: t.whys[0] ?? '',
          ip: t.source,
          count: t.count,
          minute: new Date(t.minute * MINUTE_MS).toISOString(),
          targets: t.targets,
          whys: t.whys,
        },
      });
    }
    return rows;
  }

  private sourcesIn(minute: number): number {
    let n = 0;
    for (const t of this.open.values()) if (t.minute === minute) n++;
    return n;
  }
}
