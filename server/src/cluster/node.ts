/**
 * One node of several sharing a PostgreSQL log (docs/scale-out.md). It tails the global log into
 * its local SQLite replica and picture (so every synchronous reader keeps working), and commits
 * writes under the cluster's commit lock after catching up to the head, so a plan is always checked
 * against the whole log before it is committed. One thing at a time touches the picture: commits
 * and catch-ups run one after the other on this node.
 */
import type pg from 'pg';
import type { LageEvent, NewEvent } from '#shared/schemas';
import { foldAtomic } from '#shared/reducer';
import { UnfoldableError, type Lage, type Plan, type SharedLog } from '../lage.ts';
import { LOG_CHANNEL, PgLogError, type PgLog } from '../store/pg/pgLog.ts';
import { PgListener } from '../store/pg/pgListener.ts';
import { WriteHealth } from '../store/diskFull.ts';

interface Job {
  plan: Plan<unknown>;
  received: number;
  resolve: (v: unknown) => void;
  reject: (err: unknown) => void;
}

export interface NodeOptions {
  /** How often the tail looks for new events besides being woken by NOTIFY. */
  pollMs: number;
  /** Events read per catch-up step. */
  readChunk: number;
  /** Writes (requests) committed in one transaction at most. */
  maxJobsPerCommit: number;
}

const DEFAULTS: NodeOptions = { pollMs: 250, readChunk: 5_000, maxJobsPerCommit: 500 };

/** The shared log could not be reached or written: nothing of this write is stored. */
export class SharedLogUnavailable extends Error {}

export class ClusterNode implements SharedLog {
  private readonly options: NodeOptions;
  private jobs: Job[] = [];
  private draining = false;
  private tailQueued = false;
  /** The tail of work on this node's picture: each step starts when the one before has ended. */
  private chain: Promise<void> = Promise.resolve();
  private readonly listener: PgListener;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The last error reaching PostgreSQL (undefined once it answers again), for health. */
  lastError: string | undefined;
  readonly health = new WriteHealth();
  onError: (message: string) => void = () => {};

  constructor(
    private readonly lage: Lage,
    private readonly log: PgLog,
    options: Partial<NodeOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    log.onError = (err) => this.failed(err);
    // NOTIFY wakes the tail at once; the poll is the fallback.
    this.listener = new PgListener(
      log.url,
      LOG_CHANNEL,
      () => this.wake(),
      (err) => this.failed(err),
    );
  }

  /**
   * Brings the local replica up to the global head (start-up, before the node serves anyone) and
   * starts the tail. Refuses a replica that is ahead of the database or belongs to another one.
   */
  async start(): Promise<void> {
    const head = await this.log.head();
    if (this.lage.seq > head)
      throw new PgLogError(
        `the local log (seq ${this.lage.seq}) is ahead of the database (seq ${head}): this data dir belongs to another log`,
      );
    await this.exclusive(() => this.catchUp(this.log.pool, head));
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.listener.ensure();
  }

  run<T>(plan: Plan<T>, received: number): Promise<T> {
    if (this.closed) return Promise.reject(new SharedLogUnavailable('the node is stopping'));
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ plan, received, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Stops the tail and waits for writes under way; the pool is the caller's to close. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    while (this.draining) await new Promise((r) => setImmediate(r));
    await this.chain;
    await this.listener.close();
  }

  /** Catches up with the global log now (tests, and a dashboard resuming ahead of this node). */
  sync(): Promise<void> {
    return this.exclusive(() => this.catchUp(this.log.pool));
  }

  private async drain(): Promise<void> {
    while (this.jobs.length > 0) {
      const batch = this.jobs.splice(0, this.options.maxJobsPerCommit);
      await this.exclusive(() => this.commit(batch));
    }
    this.draining = false;
  }

  private exclusive(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => {});
    return next;
  }

  /**
   * One transaction for a batch of writes: lock the head and read what is new (one round trip),
   * fold that on trial, run each plan against the picture (each sees those before it), undo the
   * trial folds, store + head + NOTIFY + COMMIT (one round trip for up to 500 events), then apply
   * what others committed and then this batch to the replica and the picture.
   */
  private async commit(batch: Job[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      // Most of what other nodes wrote is applied before the lock is taken, so the lock is held
      // only for the little that they commit meanwhile.
      await this.catchUp(this.log.pool);
      client = await this.log.pool.connect();
    } catch (err) {
      this.failed(err);
      for (const job of batch) job.reject(unavailable(err));
      return;
    }
    let broken = false;
    // A checked-out client whose connection is cut between two queries (PostgreSQL restarting)
    // emits 'error' outside any query: caught here (the next query fails and rolls back).
    const onClientError = (err: Error) => {
      broken = true;
      this.failed(err);
    };
    client.on('error', onClientError);
    try {
      const locked = await this.log.beginLocked(client, this.lage.seq, this.options.readChunk);
      const head = locked.head;
      // What others committed since the catch-up above: folded on trial for planning and applied
      // (replica write, fan-out) only after this transaction, so the lock is not held for that.
      let pending = locked.events;
      if (this.lage.seq + pending.length < head) {
        // A long way behind (rare): apply as the tail would, under the lock, without a snapshot.
        this.lage.applyCommitted(pending, Date.now(), false);
        pending = [];
        await this.catchUp(client, head, false);
      }
      if (this.lage.seq + pending.length !== head)
        throw new PgLogError(`the local log (seq ${this.lage.seq}) is not at the head (seq ${head})`);
      const { stamped, done } = this.plan(batch, head, pending);
      if (stamped.length === 0) await client.query('ROLLBACK');
      else await this.log.appendAndCommit(client, stamped);
      this.answered();
      try {
        this.lage.applyCommitted(pending);
        this.lage.applyCommitted(stamped);
      } catch (err) {
        // Committed in PostgreSQL: acknowledged. The local replica catches up on the next tail step.
        this.onError(`local replica write failed, will catch up: ${(err as Error).message}`);
      }
      for (const d of done) d();
    } catch (err) {
      broken = true;
      this.failed(err);
      await client.query('ROLLBACK').catch(() => {});
      for (const job of batch) job.reject(unavailable(err));
    } finally {
      client.off('error', onClientError);
      client.release(broken);
    }
  }

  /**
   * Runs the plans against the caught-up picture. Each plan's events are folded on trial so the
   * next plan sees them; a plan whose events cannot be folded is refused alone. All trial folds
   * are undone before anything is awaited: no reader ever sees an uncommitted event.
   */
  private plan(
    batch: Job[],
    head: number,
    pending: readonly LageEvent[],
  ): { stamped: LageEvent[]; done: (() => void)[] } {
    const picture = this.lage.picture;
    const undos: (() => void)[] = [];
    const stamped: LageEvent[] = [];
    const done: (() => void)[] = [];
    let seq = head;
    try {
      // Throws (nothing committed, the writes answered 503) only if an event others committed
      // cannot be folded here; the tail then applies it event by event (quarantine).
      if (pending.length > 0) undos.push(foldAtomic(picture, pending));
      for (const job of batch) {
        let planned;
        try {
          planned = job.plan(picture, seq);
        } catch (err) {
          done.push(() => job.reject(err));
          continue;
        }
        if (planned.events === undefined) {
          const answer = planned.answer;
          done.push(() => job.resolve(answer));
          continue;
        }
        if (planned.events.length === 0) {
          const answer = planned.answer(seq);
          done.push(() => job.resolve(answer));
          continue;
        }
        const mine = stampFrom(planned.events, seq, job.received);
        try {
          undos.push(foldAtomic(picture, mine));
        } catch (err) {
          done.push(() => job.reject(new UnfoldableError((err as Error).message)));
          continue;
        }
        seq += mine.length;
        stamped.push(...mine);
        const answer = planned.answer;
        const last = seq;
        done.push(() => job.resolve(answer(last)));
      }
    } finally {
      for (let i = undos.length - 1; i >= 0; i--) undos[i]!();
    }
    return { stamped, done };
  }

  /** Applies committed events after the local seq, up to `upTo` (or as far as there are any). */
  private async catchUp(client: pg.ClientBase | pg.Pool, upTo = Infinity, snapshot = true): Promise<void> {
    while (this.lage.seq < upTo) {
      const events = await this.log.readAfter(this.lage.seq, this.options.readChunk, client);
      if (events.length === 0) {
        if (upTo === Infinity) return;
        throw new PgLogError(`the log has no event after seq ${this.lage.seq} below its head ${upTo}`);
      }
      this.lage.applyCommitted(events, Date.now(), snapshot);
    }
  }

  private wake(): void {
    if (this.tailQueued || this.closed) return;
    this.tailQueued = true;
    this.listener.ensure();
    this.exclusive(async () => {
      this.tailQueued = false;
      await this.catchUp(this.log.pool);
      this.answered();
    }).catch((err: unknown) => this.failed(err));
  }

  private failed(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (this.lastError !== message) this.onError(`PostgreSQL: ${message}`);
    this.lastError = message;
    this.health.failed(err);
  }

  private answered(): void {
    this.lastError = undefined;
    this.health.succeeded();
  }
}

function stampFrom(events: readonly NewEvent[], after: number, received: number): LageEvent[] {
  let seq = after;
  return events.map((e) => ({ ...e, seq: ++seq, received }) as LageEvent);
}

function unavailable(err: unknown): Error {
  if (err instanceof UnfoldableError || err instanceof SharedLogUnavailable) return err;
  return new SharedLogUnavailable((err as Error).message || String(err));
}
