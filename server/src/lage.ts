/**
 * The server's heart: fold into the current picture with the shared reducer, append to the log,
 * tell the listeners (live fan-out). Snapshots are written from here on a count/time schedule.
 */
import { foldAtomic, FoldError } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import { toIdMap } from '#shared/idMap';
import type { LageEvent, NewEvent } from '#shared/schemas';
import type { Db } from './store/db.ts';
import { EventLog } from './store/eventLog.ts';
import { Snapshots } from './store/snapshots.ts';
import { SNAPSHOT_MIN_GAP_MS, SnapshotSchedule } from './store/snapshotPolicy.ts';
import { WriteHealth } from './store/diskFull.ts';

export type CommitListener = (events: readonly LageEvent[]) => void;

/**
 * What a plan makes of the picture caught up to the global head: events to commit and the answer
 * once they are committed (given the seq of the plan's last event), or an answer without events.
 */
export type Planned<T> =
  { events: NewEvent[]; answer: (lastSeq: number) => T } | { events?: undefined; answer: T };
export type Plan<T> = (picture: Picture, seq: number) => Planned<T>;

/**
 * The shared log of several nodes (PostgreSQL, docs/scale-out.md). With one, every write goes
 * through `run`: the plan runs against the picture caught up to the global head under the
 * cluster's commit lock, and the promise settles after COMMIT (UnfoldableError: nothing stored).
 */
export interface SharedLog {
  run<T>(plan: Plan<T>, received: number): Promise<T>;
  /** Catches this node up with everything committed so far (a dashboard resuming from a node ahead). */
  sync(): Promise<void>;
  /** Whether the database answers (GET /api/v1/health: store "shared log"). */
  readonly health: WriteHealth;
}

export interface LageOptions {
  snapshotEvery: number;
  snapshotIntervalMs: number;
}

/** An event of the log that start-up could not fold: left out of the picture, the rest is served. */
export interface Quarantined {
  seq: number;
  type: string;
  error: string;
}

/** A commit refused because its events cannot be folded into the picture; nothing was stored. */
export class UnfoldableError extends Error {}

export class Lage {
  readonly log: EventLog;
  readonly snapshots: Snapshots;
  /** Events of the log start-up left out of the picture (reported by health, audited by the app). */
  readonly quarantined: Quarantined[] = [];
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
  /**
   * Set when the node shares its log with others (PostgreSQL): writes go through it, and the local
   * log is a replica filled by applyCommitted only.
   */
  shared: SharedLog | undefined;

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
    // The live picture is indexed by ids from outside: its maps must have no prototype.
    this.current = { seq: start.seq, units: toIdMap(start.units), incidents: toIdMap(start.incidents) };
    for (const chunk of this.log.iterateAfter(start.seq)) this.replay(chunk);
    // Quarantined events at the end of the log leave the picture's seq behind the log's.
    this.current.seq = Math.max(this.current.seq, this.log.lastSeq);
  }

  /**
   * Folds a chunk of the stored log. A chunk folds whole (the fast, normal case); one that throws
   * is folded event by event, and each event that cannot be folded is quarantined, never fatal:
   * one bad row must not keep the control room's picture from starting.
   */
  private replay(chunk: readonly LageEvent[]): void {
    try {
      foldAtomic(this.current, chunk);
      return;
    } catch {
      // fall through: find the culprit(s)
    }
    for (const event of chunk) {
      try {
        foldAtomic(this.current, [event]);
      } catch (err) {
        const cause = err instanceof FoldError ? err.reason : String(err);
        const entry = { seq: event.seq, type: String(event.type), error: cause };
        this.quarantined.push(entry);
        this.current.seq = event.seq;
        this.log.quarantine(event.seq);
      }
    }
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

  /**
   * Folds the events into the picture, then commits them durably, then notifies: acknowledged =
   * committed = folded. Throws UnfoldableError (nothing stored, picture unchanged) if an event
   * cannot be folded, and the storage error (fold undone) if the commit fails.
   */
  commit(events: readonly NewEvent[], received = Date.now()): LageEvent[] {
    if (events.length === 0) return [];
    if (this.shared) throw new Error('this node writes through the shared log (--database); not stored');
    const stamped = this.log.stamp(events, received);
    let undo: () => void;
    try {
      undo = foldAtomic(this.current, stamped);
    } catch (err) {
      throw new UnfoldableError((err as Error).message);
    }
    try {
      this.log.write(stamped);
    } catch (err) {
      undo();
      this.writes.failed(err);
      throw err;
    }
    this.writes.succeeded();
    for (const listener of this.listeners) listener(stamped);
    this.maybeSnapshot(received);
    return stamped;
  }

  /**
   * Stores and folds events already committed to the shared log (in seq order, contiguous with the
   * local log), then tells the listeners. An event that cannot be folded is quarantined as at
   * start-up and not passed on. Throws (nothing changed) if the local write fails. `snapshot`
   * false: a due snapshot waits for the next call (the caller holds the cluster's commit lock).
   */
  applyCommitted(events: readonly LageEvent[], now = Date.now(), snapshot = true): void {
    if (events.length === 0) return;
    try {
      this.log.write(events);
    } catch (err) {
      this.writes.failed(err);
      throw err;
    }
    this.writes.succeeded();
    const before = this.quarantined.length;
    this.replay(events);
    const last = events[events.length - 1]!.seq;
    this.current.seq = Math.max(this.current.seq, last);
    const bad = new Set(this.quarantined.slice(before).map((q) => q.seq));
    const folded = bad.size === 0 ? events : events.filter((e) => !bad.has(e.seq));
    if (folded.length > 0) for (const listener of this.listeners) listener(folded);
    if (snapshot) this.maybeSnapshot(now);
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
