/**
 * The server's heart: append to the log, fold into the current picture with the shared reducer,
 * tell the listeners (live fan-out). Snapshots are written from here on a count/time schedule.
 */
import { foldInto } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import type { LageEvent, NewEvent } from '#shared/schemas';
import type { Db } from './store/db.ts';
import { EventLog } from './store/eventLog.ts';
import { Snapshots } from './store/snapshots.ts';
import { SNAPSHOT_MIN_GAP_MS, SnapshotSchedule } from './store/snapshotPolicy.ts';
import { WriteHealth } from './store/diskFull.ts';

export type CommitListener = (events: readonly LageEvent[]) => void;

export interface LageOptions {
  snapshotEvery: number;
  snapshotIntervalMs: number;
}

export class Lage {
  readonly log: EventLog;
  readonly snapshots: Snapshots;
  private current: Picture;
  private readonly listeners = new Set<CommitListener>();
  private readonly schedule: SnapshotSchedule;
  /** Whether the last write to the log (events or snapshot) failed, for GET /api/v1/health. */
  readonly writes = new WriteHealth();
  /**
   * Set while snapshots fail (a full disk): a due snapshot is then left to the snapshot job's
   * back-off instead of being tried (and the picture serialised) on every commit.
   */
  private snapshotFailing = false;
  /** Told when a snapshot due after a commit fails (the commit itself stands). */
  onSnapshotError: (err: unknown) => void = () => {};

  constructor(db: Db, options: LageOptions) {
    this.log = new EventLog(db);
    this.snapshots = new Snapshots(db);
    const start = this.snapshots.atOrBefore(this.log.lastSeq) ?? emptyPicture();
    this.schedule = new SnapshotSchedule(
      {
        everyEvents: options.snapshotEvery,
        everyMs: options.snapshotIntervalMs,
        minGapMs: SNAPSHOT_MIN_GAP_MS,
      },
      start.seq,
    );
    this.current = start;
    for (const chunk of this.log.iterateAfter(start.seq)) foldInto(this.current, chunk);
  }

  /** The live picture. It changes in place on every commit: serialise or copy it, never keep it. */
  get picture(): Picture {
    return this.current;
  }

  get seq(): number {
    return this.log.lastSeq;
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Commits the events durably, then folds them in and notifies. Throws if the commit fails. */
  commit(events: readonly NewEvent[], received = Date.now()): LageEvent[] {
    if (events.length === 0) return [];
    let stamped: LageEvent[];
    try {
      stamped = this.log.append(events, received);
    } catch (err) {
      this.writes.failed(err);
      throw err;
    }
    this.writes.succeeded();
    // The server owns its picture; readers (snapshot, attach) serialise it synchronously.
    foldInto(this.current, stamped);
    for (const listener of this.listeners) listener(stamped);
    this.maybeSnapshot(received);
    return stamped;
  }

  /** Saves a snapshot of the picture if it changed since the last one; throws if the write fails. */
  snapshotNow(now = Date.now()): void {
    if (this.current.seq === this.schedule.lastSnapshotSeq) return;
    try {
      this.snapshots.save(this.current, now);
    } catch (err) {
      this.snapshotFailing = true;
      this.writes.failed(err);
      throw err;
    }
    this.snapshotFailing = false;
    this.writes.succeeded();
    this.schedule.taken(this.current.seq, now);
  }

  /** A snapshot is an optimisation: its failure must not fail the commit that made it due. */
  private maybeSnapshot(now: number): void {
    if (this.snapshotFailing || !this.schedule.due(this.current.seq, now)) return;
    try {
      this.snapshotNow(now);
    } catch (err) {
      this.onSnapshotError(err);
    }
  }
}
