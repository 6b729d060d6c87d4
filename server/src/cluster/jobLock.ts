/**
 * Jobs that must run on one node at a time (jobs.ts `once`): the node that holds a job's
 * PostgreSQL advisory lock runs it; the others try to take the lock every `tryEveryMs`. The locks
 * are session locks on one connection of their own, so they end with that connection: a node that
 * dies (SIGKILL, power) or loses PostgreSQL loses them at once on the server's side, and another
 * node holds them within one try interval (docs/scale-out.md, "Jobs that run once").
 * Without --database there is one node: SOLO_LOCK lets every job run.
 */
import pg from 'pg';
import { clientConfig } from '../store/pg/pgLog.ts';

export interface JobLock {
  /** Does this node run `job` now? */
  holds(job: string): boolean;
  /** Registers a job whose lock this node tries to take. */
  want(job: string): void;
  close(): Promise<void>;
}

export const SOLO_LOCK: JobLock = { holds: () => true, want: () => {}, close: async () => {} };

/** The first application_name every lock connection shows (pg_stat_activity): tests find the holder. */
export const LOCK_APPLICATION = 'lagebild jobs';

/** The advisory lock key of a job: a stable int4 from its name (the first of the two keys is 0x4c61, 'La'). */
export function jobKey(job: string): number {
  let h = 0;
  for (const c of job) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

export class PgJobLock implements JobLock {
  private readonly wanted = new Set<string>();
  private readonly held = new Set<string>();
  private client: pg.Client | undefined;
  private trying: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly report: (message: string) => void,
    tryEveryMs = 3_000,
  ) {
    this.timer = setInterval(() => void this.tryAll(), tryEveryMs);
    this.timer.unref();
  }

  holds(job: string): boolean {
    return this.held.has(job);
  }

  want(job: string): void {
    this.wanted.add(job);
    void this.tryAll();
  }

  /** Tries to take every wanted lock not held; one attempt at a time. */
  tryAll(): Promise<void> {
    this.trying ??= this.tryOnce().finally(() => (this.trying = undefined));
    return this.trying;
  }

  private async tryOnce(): Promise<void> {
    if (this.closed) return;
    try {
      const client = await this.connect();
      for (const job of this.wanted) {
        if (this.held.has(job)) continue;
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(19553, $1) AS ok', [
          jobKey(job),
        ]);
        if (r.rows[0]?.ok) this.held.add(job);
      }
    } catch (err) {
      this.lost(err);
    }
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      ...clientConfig(this.url),
      application_name: `${LOCK_APPLICATION} ${process.pid}`,
    });
    client.on('error', (err) => {
      if (this.client === client) this.lost(err);
    });
    await client.connect();
    this.client = client;
    return client;
  }

  /** The connection is gone: so are its locks (PostgreSQL let them go with the session). */
  private lost(err: unknown): void {
    if (this.held.size)
      this.report(`job locks lost (${[...this.held].join(', ')}): ${(err as Error).message}`);
    this.held.clear();
    void this.client?.end().catch(() => {});
    this.client = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.trying;
    this.held.clear();
    await this.client?.end().catch(() => {});
  }
}
