/**
 * The server's timers (snapshots, session sweep, users.json follow-up, audit retention) run here.
 * A job that throws never ends the process: the failure is logged once (not on every retry), the
 * job is retried with a growing back-off (1 s, 2 s, 4 s … at most its interval or a minute) and is
 * listed in GET /api/v1/health until a run succeeds again, which is logged once too.
 */
import { shortError } from './store/diskFull.ts';
import { SOLO_LOCK, type JobLock } from './cluster/jobLock.ts';

export interface JobProblem {
  job: string;
  failingSince: number;
  failures: number;
  error: string;
  nextTryInMs: number;
}

interface Job {
  name: string;
  everyMs: number;
  fn: () => void | Promise<void>;
  /** Runs on one node at a time (the holder of its lock, cluster/jobLock.ts). */
  once: boolean;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  failures: number;
  failingSince: number | undefined;
  error: string;
  nextAt: number;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private stopped = false;

  constructor(
    private readonly log: (message: string) => void,
    private readonly lock: JobLock = SOLO_LOCK,
  ) {}

  /**
   * Runs fn every everyMs (first run after everyMs, or at once with `now`). With `once`, only on the
   * node that holds the job's lock (several nodes on PostgreSQL); a node without it skips its turn.
   */
  every(
    name: string,
    everyMs: number,
    fn: () => void | Promise<void>,
    opts: { now?: boolean; once?: boolean } = {},
  ): void {
    if (opts.once) this.lock.want(name);
    const job: Job = {
      name,
      everyMs,
      fn,
      once: opts.once ?? false,
      timer: undefined,
      running: undefined,
      failures: 0,
      failingSince: undefined,
      error: '',
      nextAt: 0,
    };
    this.jobs.set(name, job);
    this.schedule(job, opts.now ? 0 : everyMs);
  }

  /**
   * A failure of the job's work that happened outside its timer (a snapshot due after a commit):
   * the job is marked failing and retried with back-off like a failed run.
   */
  failed(name: string, err: unknown): void {
    const job = this.jobs.get(name);
    if (!job || this.stopped) return;
    this.recordFailure(job, err);
    if (!job.running) this.schedule(job, this.backoff(job));
  }

  /** The jobs failing now (empty when all is well). */
  problems(now = Date.now()): JobProblem[] {
    return [...this.jobs.values()]
      .filter((j) => j.failingSince !== undefined)
      .map((j) => ({
        job: j.name,
        failingSince: j.failingSince as number,
        failures: j.failures,
        error: j.error,
        nextTryInMs: Math.max(0, j.nextAt - now),
      }));
  }

  /** The jobs of `once` this node runs now (it holds their lock). */
  led(): string[] {
    return [...this.jobs.values()].filter((j) => j.once && this.lock.holds(j.name)).map((j) => j.name);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs.values()) clearTimeout(job.timer);
    await Promise.all([...this.jobs.values()].map((j) => j.running));
    await this.lock.close();
  }

  private schedule(job: Job, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(job.timer);
    job.nextAt = Date.now() + delayMs;
    job.timer = setTimeout(() => void this.run(job), delayMs).unref();
  }

  private async run(job: Job): Promise<void> {
    let ok = false;
    job.running = (async () => {
      try {
        if (!job.once || this.lock.holds(job.name)) await job.fn();
        ok = true;
      } catch (err) {
        this.recordFailure(job, err);
      }
    })();
    await job.running;
    job.running = undefined;
    if (ok && job.failingSince !== undefined) {
      this.log(`${job.name}: works again after ${job.failures} failed attempts`);
      job.failures = 0;
      job.failingSince = undefined;
    }
    this.schedule(job, ok ? job.everyMs : this.backoff(job));
  }

  private recordFailure(job: Job, err: unknown): void {
    job.error = shortError(err);
    job.failures++;
    if (job.failingSince === undefined) {
      job.failingSince = Date.now();
      this.log(`${job.name}: failed: ${job.error}; retrying with back-off (logged again once it works)`);
    }
  }

  private backoff(job: Job): number {
    const cap = Math.min(MAX_RETRY_MS, Math.max(FIRST_RETRY_MS, job.everyMs));
    return Math.min(cap, FIRST_RETRY_MS * 2 ** Math.max(0, job.failures - 1));
  }
}
