/**
 * Replays in the audit log: who looked at which period of which source, and why. A replay asks for
 * many pictures and event pages (every seek, every prefetch while playing), so each request is not
 * an entry of its own: the log gets one `replay.view` entry per actor, source and reason for every
 * clock hour of the recording that they open, written before the data is sent. Playing an hour at
 * 60× writes one or two entries; seeking around a day at most one per hour of it. After a quiet
 * spell (REARM_MS of wall time) the same hours are recorded again, as a new look at them.
 */
import type { AuditInput } from '../security/audit.ts';

export const HOUR_MS = 3_600_000;
export const REARM_MS = 30 * 60_000;
export const MAX_REASON = 200;
/**
 * Hours remembered over all keys. A period may span years (params.ts: the replay window limit), so
 * without a cap many reasons times long periods would fill the memory; forgetting a key only means
 * its hours are recorded again.
 */
export const MAX_HELD_HOURS = 500_000;

interface Seen {
  hours: Set<number>;
  last: number;
}

export class ReplayViewAudit {
  private readonly seen = new Map<string, Seen>();
  private held = 0;

  constructor(
    private readonly append: (entry: AuditInput) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records that `actor` reads `source` from `from` to `to` (a picture at T: from = to = T).
   * Throws (and so refuses the request) when the audit log cannot be written.
   */
  record(view: {
    actor: string;
    source: string;
    from: number;
    to: number;
    reason: string;
    personalData: boolean;
  }): void {
    const now = this.now();
    const reason = view.reason.trim().slice(0, MAX_REASON);
    const key = JSON.stringify([view.actor, view.source, reason]);
    let seen = this.seen.get(key);
    if (!seen || now - seen.last > REARM_MS) {
      if (seen) this.forget(key, seen);
      seen = { hours: new Set(), last: now };
      this.seen.set(key, seen);
    }
    seen.last = now;
    const first = Math.floor(view.from / HOUR_MS);
    const last = Math.floor(view.to / HOUR_MS);
    const fresh: number[] = [];
    for (let h = first; h <= last; h++) if (!seen.hours.has(h)) fresh.push(h);
    if (fresh.length === 0) return;
    this.append({
      actor: view.actor,
      action: 'replay.view',
      target: view.source,
      details: {
        from: new Date(fresh[0]! * HOUR_MS).toISOString(),
        to: new Date((fresh[fresh.length - 1]! + 1) * HOUR_MS).toISOString(),
        personalData: view.personalData,
        ...(reason ? { reason } : {}),
      },
    });
    for (const h of fresh) seen.hours.add(h);
    this.held += fresh.length;
    this.prune(now, key);
  }

  private forget(key: string, s: Seen): void {
    this.seen.delete(key);
    this.held -= s.hours.size;
  }

  /**
   * Forgets quiet keys, so the map does not grow with every actor and reason ever seen; over
   * MAX_HELD_HOURS also the oldest others (never `keep`, the one just recorded).
   */
  private prune(now: number, keep: string): void {
    if (this.seen.size >= 1000)
      for (const [key, s] of this.seen) if (now - s.last > REARM_MS) this.forget(key, s);
    for (const [key, s] of this.seen) {
      if (this.held <= MAX_HELD_HOURS) break;
      if (key !== keep) this.forget(key, s);
    }
  }
}
