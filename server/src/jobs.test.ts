/**
 * The server's timers: a failing job never throws out of its timer, is logged once per outage (not
 * on every retry), retried with a growing back-off, listed in problems() and logged once more when
 * it works again; then it runs at its interval again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Jobs } from './jobs.ts';
import type { JobLock } from './cluster/jobLock.ts';

const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

afterEach(() => {
  vi.useRealTimers();
});

describe('Jobs', () => {
  it('retries a failing job with back-off, logs the outage and the recovery once each', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const jobs = new Jobs((m) => log.push(m));
    const runs: number[] = [];
    let failUntil = 4;
    jobs.every('snapshots', 60_000, () => {
      runs.push(Date.now());
      if (runs.length <= failUntil) throw full();
    });
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(60_000); // first run: fails
    expect(jobs.problems()).toEqual([
      expect.objectContaining({
        job: 'snapshots',
        failures: 1,
        error: 'SQLITE_FULL: database or disk is full',
        nextTryInMs: 1_000,
      }),
    ]);
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000); // three retries, all failing
    expect(runs.map((t) => t - start)).toEqual([60_000, 61_000, 63_000, 67_000]);
    expect(log).toEqual([
      'snapshots: failed: SQLITE_FULL: database or disk is full; retrying with back-off (logged again once it works)',
    ]);
    failUntil = 0;
    await vi.advanceTimersByTimeAsync(8_000); // the next retry succeeds
    expect(runs).toHaveLength(5);
    expect(jobs.problems()).toEqual([]);
    expect(log[1]).toBe('snapshots: works again after 4 failed attempts');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toHaveLength(5); // back at its interval
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(6);
    await jobs.stop();
  });

  it('caps the back-off at the interval and takes failures reported from outside', async () => {
    vi.useFakeTimers();
    const jobs = new Jobs(() => {});
    let calls = 0;
    let fail = true;
    jobs.every('users.json follow-up', 1_000, () => {
      calls++;
      if (fail) throw full();
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(10); // never more than its 1 s interval apart
    fail = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(jobs.problems()).toEqual([]);
    // A snapshot after a commit failed: the job is marked and retried after 1 s.
    jobs.failed('users.json follow-up', full());
    expect(jobs.problems()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(jobs.problems()).toEqual([]);
    await jobs.stop();
    const before = calls;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(before); // stopped for good
  });

  it('runs a job of `once` only while this node holds its lock (every job without --database)', async () => {
    vi.useFakeTimers();
    // The lock as several nodes have it: held or not, switched by the test (cluster/jobLock.ts).
    const held = new Set<string>();
    const wanted: string[] = [];
    const lock: JobLock = {
      holds: (j) => held.has(j),
      want: (j) => void wanted.push(j),
      close: async () => {},
    };
    const jobs = new Jobs(() => {}, lock);
    let once = 0;
    let everywhere = 0;
    jobs.every('cleanup', 1_000, () => void once++, { once: true });
    jobs.every('snapshots', 1_000, () => void everywhere++);
    expect(wanted).toEqual(['cleanup']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect([once, everywhere]).toEqual([0, 2]);
    expect(jobs.led()).toEqual([]);
    held.add('cleanup');
    await vi.advanceTimersByTimeAsync(1_000);
    expect([once, everywhere]).toEqual([1, 3]);
    expect(jobs.led()).toEqual(['cleanup']);
    await jobs.stop();
    const solo = new Jobs(() => {});
    let ran = 0;
    solo.every('cleanup', 1_000, () => void ran++, { once: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ran).toBe(1);
    await solo.stop();
  });
});
