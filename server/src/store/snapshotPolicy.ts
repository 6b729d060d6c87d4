/**
 * When the live server writes a snapshot of its picture. Seeks in replay start from the nearest
 * snapshot and fold the events after it, so the gap between snapshots bounds the work of a seek:
 * at most `everyEvents` events, or what arrives in `everyMs` of server time, whichever comes first.
 * A snapshot costs the event loop a few milliseconds (serialise + deflate the whole picture), so two
 * are never closer than `minGapMs`, however fast events arrive. The clock is the server's (the
 * events' `received`), the same clock replay seeks on for the live log (replay/clock.ts).
 */
export interface SnapshotPolicy {
  everyEvents: number;
  everyMs: number;
  minGapMs: number;
}

export const SNAPSHOT_MIN_GAP_MS = 2_000;

export class SnapshotSchedule {
  /**
   * lastAt: server time of the last snapshot; undefined starts the clock at the first event asked
   * about (a server starting on an old log, a recording written after the fact).
   */
  constructor(
    private readonly policy: SnapshotPolicy,
    private lastSeq: number,
    private lastAt?: number,
  ) {}

  /** Whether a picture at seq, at server time now, should be written. */
  due(seq: number, now: number): boolean {
    const since = seq - this.lastSeq;
    if (since <= 0) return false;
    this.lastAt ??= now;
    const elapsed = now - this.lastAt;
    return (
      (since >= this.policy.everyEvents && elapsed >= this.policy.minGapMs) || elapsed >= this.policy.everyMs
    );
  }

  taken(seq: number, now: number): void {
    this.lastSeq = seq;
    this.lastAt = now;
  }

  get lastSnapshotSeq(): number {
    return this.lastSeq;
  }
}
