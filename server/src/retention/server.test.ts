import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config.ts';
import { verifyAudit } from '../security/audit.ts';
import { getJson, startTestServer, tempDir, TestDashboard } from '../testing/harness.ts';
import { buildFixture, OLD_PERSONAL, openFixtureDb } from './testing/fixture.ts';
import { RETENTION_ACTOR } from './job.ts';

const RETENTION = { days: 30, thinMinutes: 5, intervalMs: 3_600_000 };

const retentionCli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/retention/cli.ts', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });

describe('retention in the server', () => {
  it('runs at start, audits the run, keeps the live snapshot, and sends a snapshot to a dashboard resuming from below the floor', async () => {
    const f = buildFixture(tempDir());
    const plain = await startTestServer({}, f.dir);
    const before = await getJson(`${plain.url}/api/v1/snapshot`);
    await plain.close();

    const server = await startTestServer({ retention: RETENTION }, f.dir);
    const result = await server.retention!.current;
    expect(result?.positionsDeleted).toBeGreaterThan(0);
    const entry = server.audit.list({ action: 'retention.run' }).at(-1);
    expect(entry).toMatchObject({ actor: RETENTION_ACTOR, details: { trigger: 'start', days: 30 } });
    expect(entry?.details.notesDeleted).toBe(result?.notesDeleted);

    const after = await getJson(`${server.url}/api/v1/snapshot`);
    expect({ ...after, time: 0 }).toEqual({ ...before, time: 0 });
    const { events } = await getJson<{ events: unknown[] }>(
      `${server.url}/api/v1/events?fromSeq=1&limit=10000`,
    );
    for (const s of OLD_PERSONAL) expect(JSON.stringify(events)).not.toContain(s);

    const floor = result!.floorSeq;
    const behind = new TestDashboard(server.url, { lastSeq: floor - 1 });
    const current = new TestDashboard(server.url, { lastSeq: floor });
    try {
      await behind.waitForSeq(server.lage.seq);
      await current.waitForSeq(server.lage.seq);
      expect(behind.snapshots).toBe(1);
      expect(current.snapshots).toBe(0);
      expect(current.batches[0]?.from).toBe(floor + 1);
      expect(behind.errors.concat(current.errors)).toEqual([]);
    } finally {
      behind.close();
      current.close();
      await server.close();
    }
    expect(verifyAudit(f.dir)).toMatchObject({ ok: true });
  });
});

describe('retention settings', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseConfig(argv, env, '/').retention;

  it('is off unless --retention-days is set; flags win over the environment', () => {
    expect(parse([])).toBeUndefined();
    expect(parse(['--retention-days', '30'])).toEqual({ days: 30, thinMinutes: 5, intervalMs: 3_600_000 });
    expect(
      parse(['--retention-thin-minutes=15'], {
        LAGEBILD_RETENTION_DAYS: '90',
        LAGEBILD_RETENTION_THIN_MINUTES: '1',
        LAGEBILD_RETENTION_EVERY_MINUTES: '10',
      }),
    ).toEqual({ days: 90, thinMinutes: 15, intervalMs: 600_000 });
  });

  it.each([
    [
      ['--retention-days', 'abc'],
      {},
      /--retention-days \(LAGEBILD_RETENTION_DAYS\) must be a whole number of days from 1 to 36500, got "abc"/,
    ],
    [['--retention-days', '0'], {}, /from 1 to 36500, got "0"/],
    [['--retention-days', '-3'], {}, /--retention-days needs a value|got "-3"/],
    [['--retention-days', '7.5'], {}, /got "7.5"/],
    [[], { LAGEBILD_RETENTION_DAYS: ' ' }, /LAGEBILD_RETENTION_DAYS\) must be a whole number/],
    [
      ['--retention-days', '30', '--retention-thin-minutes', '0'],
      {},
      /--retention-thin-minutes .* from 1 to 1440, got "0"/,
    ],
    [['--retention-days', '30', '--retention-every-minutes', '2000'], {}, /from 1 to 1440, got "2000"/],
    [['--retention-thin-minutes', '5'], {}, /need --retention-days/],
  ])('refuses %j %j clearly', (argv, env, message) => {
    expect(() => parse(argv, env)).toThrow(ConfigError);
    expect(() => parse(argv, env)).toThrow(message);
  });
});

describe('npm run retention', () => {
  it('reduces a data dir once, prints the counts and audits the run', () => {
    const f = buildFixture(tempDir());
    const run = retentionCli(['--data-dir', f.dir, '--days', '30']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/positions: \d+ thinned out, \d+ kept \(one per unit per 5 min\)/);
    expect(run.stdout).toMatch(/personal data removed: 2 incident openings, 1 updates, 2 notes/);
    const db = openFixtureDb(f.dir);
    const rows = db.prepare('SELECT data FROM events').pluck().all().join('\n');
    db.close();
    for (const s of OLD_PERSONAL) expect(rows).not.toContain(s);
    expect(verifyAudit(f.dir)).toMatchObject({ ok: true, entries: 1 });

    const envRun = retentionCli(['--vacuum'], { LAGEBILD_DATA_DIR: f.dir, LAGEBILD_RETENTION_DAYS: '30' });
    expect(envRun.status).toBe(0);
    expect(envRun.stdout).toMatch(/0 thinned out/);
    expect(envRun.stdout).toMatch(/file rebuilt \(VACUUM\)/);
    expect(verifyAudit(f.dir)).toMatchObject({ ok: true, entries: 2 });
  });

  it.each([
    [[], /--data-dir is missing/],
    [['--data-dir', '/nonexistent-lagebild'], /no retention limit: give --days/],
    [['--data-dir', 'x', '--days', 'soon'], /must be a whole number of days/],
    [['--data-dir', 'x', '--days'], /--days needs a value/],
    [['--data-dir', 'x', '--days', '3', '--bogus'], /unknown option "--bogus"/],
  ])('refuses %j with exit 2 and the usage', (args, message) => {
    const run = retentionCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/usage: npm run retention/);
  });

  it('refuses a directory without an event log instead of creating one', () => {
    const dir = tempDir();
    const run = retentionCli(['--data-dir', dir, '--days', '30']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no event log \(lagebild\.sqlite\) in/);
  });
});
