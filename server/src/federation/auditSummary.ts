/**
 * Federation traffic in the audit, summarised per peer and period: a batch every 100 ms per peer
 * would flood the audit with entries nobody reads, while one entry per peer and period still says
 * what went where (or came from where), when, and how much of it.
 */
import type { AuditLog } from '../security/audit.ts';

export interface Traffic {
  /** Events (a snapshot counts its units and incidents). */
  events: number;
  snapshots: number;
  units: number;
  incidents: number;
  /** The seq range (of the sending server's log) covered in this period. */
  fromSeq: number;
  toSeq: number;
}

export class AuditSummary {
  private readonly open = new Map<string, Traffic & { since: number; note: Record<string, unknown> }>();
  private readonly timer: NodeJS.Timeout;

  /** `action`: federation.sent or federation.received; `actor`: who acted for the peer. */
  constructor(
    private readonly audit: AuditLog,
    private readonly action: string,
    private readonly actorOf: (peer: string) => string,
    private readonly everyMs: () => number,
  ) {
    // The tail of a quiet period is written too; a timer must not keep the process alive.
    this.timer = setInterval(() => this.flush(false), 1_000);
    this.timer.unref();
  }

  /** `note`: what else the entry should say (the policy in force); the newest one is kept. */
  add(
    peer: string,
    t: Partial<Traffic> & { fromSeq: number; toSeq: number },
    note: Record<string, unknown> = {},
    now = Date.now(),
  ): void {
    const cur = this.open.get(peer);
    if (!cur) {
      this.open.set(peer, {
        events: t.events ?? 0,
        snapshots: t.snapshots ?? 0,
        units: t.units ?? 0,
        incidents: t.incidents ?? 0,
        fromSeq: t.fromSeq,
        toSeq: t.toSeq,
        since: now,
        note,
      });
      return;
    }
    cur.events += t.events ?? 0;
    cur.snapshots += t.snapshots ?? 0;
    cur.units += t.units ?? 0;
    cur.incidents += t.incidents ?? 0;
    cur.fromSeq = Math.min(cur.fromSeq, t.fromSeq);
    cur.toSeq = Math.max(cur.toSeq, t.toSeq);
    cur.note = note;
  }

  /** Writes the periods that are over (all of them with `all`, at close or disconnect). */
  flush(all: boolean, now = Date.now()): void {
    const every = this.everyMs();
    for (const [peer, t] of this.open) {
      if (!all && now - t.since < every) continue;
      this.open.delete(peer);
      const { since, note, ...traffic } = t;
      try {
        this.audit.append({
          actor: this.actorOf(peer),
          action: this.action,
          target: peer,
          details: { ...traffic, since, until: now, ...note },
        });
      } catch (err) {
        // A full disk: the audit job reports it; the counts of this period are lost, not the data.
        console.error(`lagebild: federation audit not written: ${(err as Error).message}`);
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush(true);
  }
}
