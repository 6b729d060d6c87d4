/**
 * Jobs that run on one node at a time (jobs.ts `once`, cluster/jobLock.ts): two `npm run serve`
 * processes on one real PostgreSQL; exactly one holds the job's advisory lock; SIGKILLed, the other
 * holds it within 10 s.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { sleep } from '../testing/harness.ts';
import { withPgCluster } from '../testing/pgFixture.ts';
import { jobKey, LOCK_APPLICATION } from './jobLock.ts';

const pgt = withPgCluster('job lock tests');
const { missing } = pgt;
const JOB = 'shared sessions cleanup';

/** The processes holding the job's lock, by the pid in their lock connection's application_name. */
async function holders(): Promise<number[]> {
  const c = new pg.Client(pgt.url);
  await c.connect();
  try {
    const r = await c.query<{ app: string }>(
      `SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 19553 AND l.objid = $1`,
      [jobKey(JOB) >>> 0],
    );
    return r.rows.map((row) => Number(row.app.slice(LOCK_APPLICATION.length + 1)));
  } finally {
    await c.end();
  }
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await sleep(50);
  }
}

describe.skipIf(missing)('jobs that run once, under a PostgreSQL advisory lock', () => {
  it('runs a job on one node only and moves it to another within 10 s when that node is SIGKILLed', async () => {
    const spawn = async () => {
      const { child } = await pgt.spawnNode();
      return child;
    };
    const a = await spawn();
    const b = await spawn();
    const first = await until(holders, (h) => h.length === 1, 'one holder');
    const holder = [a, b].find((c) => c.pid === first[0]);
    const other = [a, b].find((c) => c !== holder);
    expect(holder).toBeDefined();
    // The other node keeps trying and is refused while the holder lives.
    await sleep(500);
    expect(await holders()).toEqual(first);
    const killedAt = Date.now();
    holder!.kill('SIGKILL');
    await until(holders, (h) => h.length === 1 && h[0] === other!.pid, 'the other node to hold the lock');
    const takeoverMs = Date.now() - killedAt;
    console.log(`job lock takeover after SIGKILL: ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThanOrEqual(10_000);
  });
});
