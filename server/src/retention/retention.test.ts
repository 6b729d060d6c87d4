import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import { Lage } from '../lage.ts';
import { pictureAt, type ReplaySource } from '../replay/query.ts';
import { AuditLog, verifyAudit } from '../security/audit.ts';
import type { Db } from '../store/db.ts';
import { EventLog } from '../store/eventLog.ts';
import { Snapshots } from '../store/snapshots.ts';
import { tempDir } from '../testing/harness.ts';
import {
  buildFixture,
  DAY,
  OLD_PERSONAL,
  OPEN_OLD_PERSONAL,
  RECENT_PERSONAL,
  openFixtureDb,
  type Fixture,
} from './testing/fixture.ts';
import { auditedRetention } from './job.ts';
import { reducePicture } from './reduce.ts';
import { cutoffFor, retentionSteps, runRetention } from './retention.ts';

const SETTINGS = { days: 30, thinMinutes: 5 };
const THIN_MS = 5 * 60_000;

// The live log's replay clock is the server's commit time.
const source = (db: Db) =>
  ({ db, log: new EventLog(db), snapshots: new Snapshots(db), clock: 'received' }) as ReplaySource;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every value of every row of every table, as text (snapshots inflated). */
function allText(db: Db): { table: string; text: string }[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const out: { table: string; text: string }[] = [];
  for (const table of tables)
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][])
      for (const v of row) {
        let text = String(v);
        if (Buffer.isBuffer(v)) {
          try {
            text = inflateSync(v).toString('utf8');
          } catch {
            text = v.toString('utf8');
          }
        }
        out.push({ table, text });
      }
  return out;
}

function holders(db: Db, needle: string): string[] {
  return [
    ...new Set(
      allText(db)
        .filter((r) => r.text.includes(needle))
        .map((r) => r.table),
    ),
  ];
}

/** What "the picture of recent data" is, read from the data dir. */
function recentState(db: Db, f: Fixture) {
  const src = source(db);
  const times = [f.t1 + 10 * 60_000, f.t1 + 26 * 60_000, f.now - 20 * DAY + 20 * 60_000, f.now];
  const lage = new Lage(db, { snapshotEvery: 1_000_000, snapshotIntervalMs: DAY });
  const cutoff = cutoffFor(SETTINGS, f.now);
  return {
    replays: times.map((t) => clone(pictureAt(src, t))),
    restart: clone(lage.picture),
    latestSnapshot: clone(src.snapshots.latest()),
    recentEvents: db.prepare('SELECT seq, data FROM events WHERE time >= ? ORDER BY seq').all(cutoff),
    lastSeq: src.log.lastSeq,
  };
}

function expectedOldPositionSeqs(db: Db, f: Fixture): number[] {
  const best = new Map<string, { seq: number; time: number }>();
  for (const seq of f.oldPositionSeqs) {
    const e = JSON.parse(
      db.prepare('SELECT data FROM events WHERE seq = ?').pluck().get(seq) as string,
    ) as LageEvent & { unitId: string };
    const key = `${e.unitId}:${Math.floor(e.time / THIN_MS)}`;
    const prev = best.get(key);
    if (!prev || e.time > prev.time || (e.time === prev.time && e.seq > prev.seq))
      best.set(key, { seq: e.seq, time: e.time });
  }
  return [...best.values()].map((b) => b.seq).sort((a, b) => a - b);
}

describe('retention', () => {
  it('leaves nothing older than the limit in personal form, thins positions, audits, keeps the recent picture', async () => {
    const f = buildFixture(tempDir());
    const db = openFixtureDb(f.dir);
    for (const s of OLD_PERSONAL) expect(holders(db, s).length, s).toBeGreaterThan(0);
    const before = recentState(db, f);
    const keptPositions = expectedOldPositionSeqs(db, f);
    expect(keptPositions.length).toBeGreaterThan(10);
    expect(keptPositions.length).toBeLessThan(f.oldPositionSeqs.length / 20);
    const midT = cutoffFor(SETTINGS, f.now) + 35 * 60_000;
    const midBefore = clone(pictureAt(source(db), midT));

    const audit = new AuditLog(f.dir);
    const result = await auditedRetention(db, audit, SETTINGS, 'cli', { now: f.now });

    // Nothing older than the limit in personal form, in any row of any table ...
    for (const s of OLD_PERSONAL) expect(holders(db, s), s).toEqual([]);
    // ... nor in the bytes of the database files (deleted rows are zeroed, the WAL checkpointed).
    db.close();
    for (const file of ['lagebild.sqlite', 'lagebild.sqlite-wal']) {
      const p = path.join(f.dir, file);
      const bytes = fs.existsSync(p) ? fs.readFileSync(p) : Buffer.alloc(0);
      for (const s of OLD_PERSONAL) expect(bytes.includes(Buffer.from(s)), `${s} in ${file}`).toBe(false);
    }
    const db2 = openFixtureDb(f.dir);
    // The incident opened long ago and still open keeps its data in the picture (it is in use), but
    // not in the old events.
    for (const s of OPEN_OLD_PERSONAL) expect(holders(db2, s), s).toEqual(['snapshots']);
    for (const s of RECENT_PERSONAL) expect(holders(db2, s), s).toContain('events');

    // Positions: exactly the newest fix per unit per 5 minutes is left of the old drive.
    const oldLeft = db2
      .prepare(`SELECT seq FROM events WHERE type = 'unit.position' AND seq BETWEEN ? AND ? ORDER BY seq`)
      .pluck()
      .all(f.oldPositionSeqs[0], f.oldPositionSeqs[f.oldPositionSeqs.length - 1]);
    expect(oldLeft).toEqual(keptPositions);
    expect(result).toMatchObject({
      positionsDeleted: f.oldPositionSeqs.length - keptPositions.length,
      positionsKept: keptPositions.length,
      incidentsReduced: 2,
      updatesReduced: 1,
      notesDeleted: 2,
    });
    expect(result!.snapshotsReduced).toBeGreaterThanOrEqual(3);

    // The picture of recent data is unchanged: replays after the limit, a restart, the latest
    // snapshot, every recent event; no seq is handed out twice.
    // E1, closed before the limit, lingers in pictures until the next incident is opened (E3, a day
    // ago): there it has lost its personal data; nothing else differs.
    const withoutE1 = (p: Picture) => reducePicture(p, (i) => i.id === 'E1');
    expect(before.replays.map((p) => p.incidents.E1 !== undefined)).toEqual([true, false, true, false]);
    expect(before.restart.incidents.E1).toBeUndefined();
    const after = recentState(db2, f);
    expect(after).toEqual({ ...before, replays: before.replays.map(withoutE1) });
    // Between the limit and the next incident, only the incident closed before the limit lost its
    // personal data; the open one kept it.
    const midAfter = pictureAt(source(db2), midT);
    expect(midAfter).toEqual(withoutE1(midBefore));
    expect(midAfter.incidents.E2?.caller?.name).toBe('Otto Offen');

    // Resumes from below the floor cannot be served from the log.
    const log = new EventLog(db2);
    expect(log.floorSeq).toBe(result!.floorSeq);
    expect(log.floorSeq).toBeGreaterThanOrEqual(f.oldPositionSeqs[f.oldPositionSeqs.length - 1]!);
    expect(log.floorSeq).toBeLessThan(log.lastSeq);

    // Audited with its counts; the chain still verifies (also through the CLI).
    const entry = audit.list().at(-1)!;
    expect(entry).toMatchObject({ action: 'retention.run', actor: 'system:retention' });
    expect(entry.details).toMatchObject({ trigger: 'cli', ...result });
    audit.close();
    expect(verifyAudit(f.dir)).toMatchObject({ ok: true, entries: 1 });
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/src/security/auditCli.ts', '--data-dir', f.dir],
      { encoding: 'utf8' },
    );
    expect(cli.stdout).toMatch(/audit log intact: 1 entries/);
    expect(cli.status).toBe(0);

    // A second run finds nothing more to do and changes nothing.
    const again = runRetention(db2, SETTINGS, f.now);
    expect(again).toMatchObject({
      positionsDeleted: 0,
      incidentsReduced: 0,
      notesDeleted: 0,
      snapshotsReduced: 0,
    });
    expect(recentState(db2, f)).toEqual(after);
    db2.close();
  });

  it('keeps one fix per unit per window when a window straddles chunks and runs', () => {
    const f = buildFixture(tempDir());
    const db = openFixtureDb(f.dir);
    const expected = expectedOldPositionSeqs(db, f);
    const small = { ...SETTINGS, chunkSeqs: 37 };
    // The first run's limit falls in the middle of the old drive (and of a 5-minute window).
    const first = runRetention(db, small, f.now - 10 * DAY + 17 * 60_000 + 2_500);
    expect(first.chunks).toBeGreaterThan(5);
    runRetention(db, small, f.now);
    const left = db
      .prepare("SELECT seq FROM events WHERE type = 'unit.position' AND seq <= ? ORDER BY seq")
      .pluck()
      .all(f.oldPositionSeqs.at(-1));
    expect(left).toEqual(expected);
    db.close();
  });

  it('a run stopped after any transaction leaves consistent data, and the next run ends where a clean one does', () => {
    const now = Date.now();
    const SETTINGS = { days: 30, thinMinutes: 5, chunkSeqs: 50 };
    const clean = buildFixture(tempDir(), now);
    const cleanDb = openFixtureDb(clean.dir);
    runRetention(cleanDb, SETTINGS, now);
    const dump = (db: Db) => ({
      events: db.prepare('SELECT seq, type, time, data FROM events ORDER BY seq').all(),
      snapshots: (
        db.prepare('SELECT seq, data FROM snapshots ORDER BY seq').all() as { seq: number; data: Buffer }[]
      ).map((r) => ({ seq: r.seq, picture: JSON.parse(inflateSync(r.data).toString()) as Picture })),
    });
    const expected = dump(cleanDb);
    cleanDb.close();

    let steps = 0;
    for (let stopAfter = 1; ; stopAfter++) {
      const f = buildFixture(tempDir(), now);
      let db = openFixtureDb(f.dir);
      const run = retentionSteps(db, SETTINGS, now);
      let done = false;
      for (let i = 0; i < stopAfter && !done; i++) done = run.next().done === true;
      // The process dies here: no further step, no cleanup, the file is opened afresh.
      db.close();
      db = openFixtureDb(f.dir);
      expect(new EventLog(db).lastSeq).toBeGreaterThan(0);
      runRetention(db, SETTINGS, now);
      expect(dump(db)).toEqual(expected);
      db.close();
      steps = stopAfter;
      if (done) break;
    }
    expect(steps).toBeGreaterThan(10);
  });
});
