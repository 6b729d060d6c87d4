/**
 * Retention of the live event log. Events the server received before the limit (now − days) are
 * reduced — personal data removed (caller, description, notes), positions thinned to the newest fix
 * per unit per window — and so are the snapshots of the picture before the limit. The log's clock
 * is `received` (the server's commit time; it never decreases along seq, and replay of the live log
 * runs on it), so "before the limit" is a prefix of the log: seq 1 … boundary.
 *
 * The picture of recent data stays as it was: first a snapshot of the picture at the boundary is
 * written (its open incidents keep their personal data: they are still in use), so the live
 * picture, restarts and replays after the limit fold exactly what they folded before.
 *
 * Crash safety: each chunk of the log is one transaction that also moves the watermark in `meta`,
 * so a run stopped anywhere leaves whole chunks done or untouched and the next run carries on. Seq
 * numbers are never reused; the boundary becomes the log's floor, and a dashboard resuming from
 * below it gets a fresh snapshot instead of reduced events.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { foldInto } from '#shared/reducer';
import { toIdMap } from '#shared/idMap';
import type { Incident } from '#shared/domain';
import { CLOSED_INCIDENT_RETENTION_MS, emptyPicture, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { Db } from '../store/db.ts';
import { Snapshots } from '../store/snapshots.ts';
import { EventLog, RETENTION_FLOOR_KEY } from '../store/eventLog.ts';
import { isClosed, reduceEvent, reducePicture } from './reduce.ts';

export interface RetentionSettings {
  days: number;
  thinMinutes: number;
  /** Look at everything before the limit again, not only what has come before it since the last run. */
  full?: boolean;
  /** Log entries per transaction (default 5,000; tests use small ones). */
  chunkSeqs?: number;
}

export interface RetentionResult {
  /** Events received before this time (epoch ms) were reduced. */
  cutoff: number;
  days: number;
  thinMinutes: number;
  /** The last seq received before the limit (0 = nothing before it): the log's floor. */
  boundarySeq: number;
  /** Chunks of the log processed this run (one transaction each). */
  chunks: number;
  positionsDeleted: number;
  /** Old positions left after thinning (in the chunks of this run). */
  positionsKept: number;
  incidentsReduced: number;
  updatesReduced: number;
  notesDeleted: number;
  snapshotsReduced: number;
  /** Damaged snapshots (unreadable, so not reducible) that were deleted. */
  snapshotsDeleted: number;
  /** Dashboards resuming from a seq below this get a fresh snapshot. */
  floorSeq: number;
}

const DAY = 86_400_000;
const DONE_KEY = 'retention_done_seq';
const SNAPSHOTS_DONE_KEY = 'retention_snapshots_done_seq';
/** Log entries per transaction: about 40 ms each; ingest waits no longer than that. */
const CHUNK_SEQS = 5_000;
/** Snapshots per transaction: a big picture takes milliseconds to decode and encode. */
const SNAPSHOT_CHUNK = 10;

export function cutoffFor(settings: Pick<RetentionSettings, 'days'>, now: number): number {
  return now - settings.days * DAY;
}

/**
 * The run as steps: each `yield` follows a committed transaction, so the server can let other
 * work in between (runRetentionAsync) and the CLI can run it straight through (runRetention).
 */
export function* retentionSteps(
  db: Db,
  settings: RetentionSettings,
  now: number,
): Generator<void, RetentionResult> {
  const cutoff = cutoffFor(settings, now);
  const meta = new Meta(db);
  if (settings.full) {
    meta.set(DONE_KEY, 0);
    meta.set(SNAPSHOTS_DONE_KEY, 0);
  }
  const boundary = lastSeqReceivedBefore(db, cutoff);
  const result: RetentionResult = {
    cutoff,
    days: settings.days,
    thinMinutes: settings.thinMinutes,
    boundarySeq: boundary,
    chunks: 0,
    positionsDeleted: 0,
    positionsKept: 0,
    incidentsReduced: 0,
    updatesReduced: 0,
    notesDeleted: 0,
    snapshotsReduced: 0,
    snapshotsDeleted: 0,
    floorSeq: meta.num(RETENTION_FLOOR_KEY),
  };
  if (boundary === 0) return result;

  // Deleted and rewritten rows are overwritten with zeros, not left readable in free pages.
  const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const atLimit = boundarySnapshot(db, boundary, cutoff);
    yield;
    yield* reduceEvents(db, boundary, settings, meta, result);
    yield* reduceSnapshots(db, boundary, atLimit, meta, result);
  } finally {
    db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
  }
  // Old page images would otherwise stay in the WAL file until it is reused.
  db.pragma('wal_checkpoint(TRUNCATE)');
  result.floorSeq = meta.num(RETENTION_FLOOR_KEY);
  return result;
}

export function runRetention(db: Db, settings: RetentionSettings, now = Date.now()): RetentionResult {
  const steps = retentionSteps(db, settings, now);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same run, giving the event loop a turn after every transaction (ingest goes on meanwhile).
 * `stop()` returning true ends it between two transactions (the server closing): undefined then.
 */
export async function runRetentionAsync(
  db: Db,
  settings: RetentionSettings,
  now = Date.now(),
  stop: () => boolean = () => false,
): Promise<RetentionResult | undefined> {
  const steps = retentionSteps(db, settings, now);
  for (;;) {
    if (stop()) {
      steps.return(undefined as never);
      return undefined;
    }
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The last seq received before `cutoff` (0 if none): a binary search on the primary key, since
 * `received` never decreases along seq (about 25 row reads for a hundred million events).
 */
export function lastSeqReceivedBefore(db: Db, cutoff: number): number {
  type Row = { seq: number; received: number } | undefined;
  const first = db.prepare('SELECT seq, received FROM events ORDER BY seq LIMIT 1').get() as Row;
  if (!first || first.received >= cutoff) return 0;
  const last = db.prepare('SELECT seq, received FROM events ORDER BY seq DESC LIMIT 1').get() as Row;
  if (!last || last.received < cutoff) return last?.seq ?? first.seq;
  const atOrAfter = db.prepare('SELECT seq, received FROM events WHERE seq >= ? ORDER BY seq LIMIT 1');
  let lo = first.seq; // received before the cutoff
  let hi = last.seq; // received at or after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = atOrAfter.get(mid) as Row;
    if (!r || r.seq >= hi) hi = mid;
    else if (r.received < cutoff) lo = r.seq;
    else hi = r.seq;
  }
  return lo;
}

/**
 * The picture at the boundary, stored as a snapshot unless one is there already: open incidents
 * keep their personal data (still in use), closed ones lose it (all of it is from before the
 * limit). Its time is the limit. The next run, with a later boundary, reduces it like any older one.
 */
function boundarySnapshot(db: Db, boundary: number, cutoff: number): Picture {
  const snapshots = new Snapshots(db);
  const existing = snapshots.atOrBefore(boundary);
  if (existing?.seq === boundary && reducePicture(existing, isClosed) === existing) return existing;
  const log = new EventLog(db);
  const picture: Picture = existing ?? emptyPicture();
  for (let after = picture.seq; after < boundary; after += CHUNK_SEQS)
    foldInto(picture, log.range(after, Math.min(boundary, after + CHUNK_SEQS)));
  picture.seq = boundary;
  const reduced = reducePicture(picture, isClosed);
  db.prepare('INSERT OR REPLACE INTO snapshots (seq, time, data) VALUES (?, ?, ?)').run(
    boundary,
    cutoff,
    deflateSync(JSON.stringify(reduced)),
  );
  return reduced;
}

/** The log up to the boundary, chunk by chunk from the watermark: thin positions, strip personal data. */
function* reduceEvents(
  db: Db,
  boundary: number,
  settings: RetentionSettings,
  meta: Meta,
  result: RetentionResult,
): Generator<void> {
  const thinMs = settings.thinMinutes * 60_000;
  const size = settings.chunkSeqs ?? CHUNK_SEQS;
  const done = meta.num(DONE_KEY);
  const chunk = chunkTx(db, thinMs, seedNewest(db, done, thinMs), meta, result);
  for (let after = done; after < boundary; after = Math.min(boundary, after + size)) {
    chunk(after, Math.min(boundary, after + size));
    result.chunks++;
    yield;
  }
}

/** Per unit, the newest fix so far of its latest thinning window (the one that will be kept). */
type Newest = Map<string, { bucket: number; seq: number; time: number }>;
type PositionRow = { seq: number; time: number; unit: string };

const newer = (r: PositionRow, than: { seq: number; time: number }) =>
  r.time > than.time || (r.time === than.time && r.seq > than.seq);

/**
 * The state an uninterrupted run would have at the watermark, read back from the rows that survived
 * (a window may straddle two runs, or a crash): the fixes of the last window or two before it.
 */
function seedNewest(db: Db, done: number, thinMs: number): Newest {
  const newest: Newest = new Map();
  if (done === 0) return newest;
  const rows = db
    .prepare(
      `SELECT seq, time, data->>'$.unitId' AS unit FROM events
       WHERE seq <= ? AND type = 'unit.position' ORDER BY seq DESC`,
    )
    .iterate(done) as Iterable<PositionRow>;
  let latest = -Infinity;
  for (const r of rows) {
    const bucket = Math.floor(r.time / thinMs);
    latest = Math.max(latest, bucket);
    if (bucket < latest - 1) break;
    const n = newest.get(r.unit);
    if (!n || bucket > n.bucket || (bucket === n.bucket && newer(r, n)))
      newest.set(r.unit, { bucket, seq: r.seq, time: r.time });
  }
  return newest;
}

/** One chunk (after, to]: thin positions, strip personal data, move the watermark — atomically. */
function chunkTx(db: Db, thinMs: number, newest: Newest, meta: Meta, result: RetentionResult) {
  const positions = db.prepare(
    `SELECT seq, time, data->>'$.unitId' AS unit FROM events
     WHERE seq > ? AND seq <= ? AND type = 'unit.position' ORDER BY seq`,
  );
  const personal = db.prepare(
    `SELECT seq, data FROM events WHERE seq > ? AND seq <= ?
       AND type IN ('incident.opened', 'incident.updated', 'incident.note')`,
  );
  const update = db.prepare('UPDATE events SET data = ? WHERE seq = ?');
  const remove = db.prepare('DELETE FROM events WHERE seq = ?');
  const removeAll = db.prepare('DELETE FROM events WHERE seq IN (SELECT value FROM json_each(?))');
  return db.transaction((after: number, to: number) => {
    let seen = 0;
    const losers: number[] = [];
    // Per unit and thinning window only the newest fix stays (the one the reducer would keep); a
    // window may continue from the previous chunk, so the newest so far is carried along.
    for (const r of positions.all(after, to) as PositionRow[]) {
      seen++;
      const bucket = Math.floor(r.time / thinMs);
      const n = newest.get(r.unit);
      if (n && n.bucket === bucket) {
        const loser = newer(r, n) ? n.seq : r.seq;
        losers.push(loser);
        if (loser === n.seq) newest.set(r.unit, { bucket, seq: r.seq, time: r.time });
      } else if (!n || bucket > n.bucket) newest.set(r.unit, { bucket, seq: r.seq, time: r.time });
      // A late fix for an older window than the unit's newest is left as it is.
    }
    removeAll.run(JSON.stringify(losers));
    result.positionsDeleted += losers.length;
    result.positionsKept += seen - losers.length;
    for (const row of personal.all(after, to) as { seq: number; data: string }[]) {
      const e = JSON.parse(row.data) as LageEvent;
      const reduced = reduceEvent(e);
      if (reduced === 'same') continue;
      if (reduced === 'delete') {
        remove.run(row.seq);
        result.notesDeleted++;
      } else {
        update.run(JSON.stringify(reduced), row.seq);
        if (e.type === 'incident.opened') result.incidentsReduced++;
        else result.updatesReduced++;
      }
    }
    if (to > meta.num(RETENTION_FLOOR_KEY)) meta.set(RETENTION_FLOOR_KEY, to);
    meta.set(DONE_KEY, to);
  });
}

/**
 * Snapshots before the boundary lose all personal data. A closed incident stays in the picture
 * until an incident is opened more than 12 h after its closure, so the snapshots after the
 * boundary up to that opening may still hold the incidents closed at the boundary: there, those
 * lose their personal data too (looked at again each run, as the boundary moves). Open incidents
 * keep theirs in snapshots after the limit: they are still in use.
 */
function* reduceSnapshots(
  db: Db,
  boundary: number,
  atLimit: Picture,
  meta: Meta,
  result: RetentionResult,
): Generator<void> {
  const old = db.prepare('SELECT seq, data FROM snapshots WHERE seq > ? AND seq < ? ORDER BY seq LIMIT ?');
  const from = meta.num(SNAPSHOTS_DONE_KEY);
  yield* snapshotPass(
    db,
    (after) => old.all(Math.max(from, after), boundary, SNAPSHOT_CHUNK),
    () => true,
    result,
  );
  meta.set(SNAPSHOTS_DONE_KEY, Math.max(from, boundary - 1));

  const closed = Object.values(atLimit.incidents).filter(isClosed);
  if (closed.length === 0) return;
  const ids = new Set(closed.map((i) => i.id));
  const lastClosed = Math.max(...closed.map((i) => i.times.closed ?? 0));
  const pruned = db
    .prepare('SELECT MIN(seq) FROM incident_index WHERE seq > ? AND time > ?')
    .pluck()
    .get(boundary, lastClosed + CLOSED_INCIDENT_RETENTION_MS) as number | null;
  const near = db.prepare('SELECT seq, data FROM snapshots WHERE seq > ? AND seq < ? ORDER BY seq LIMIT ?');
  yield* snapshotPass(
    db,
    (after) => near.all(Math.max(boundary, after), pruned ?? Number.MAX_SAFE_INTEGER, SNAPSHOT_CHUNK),
    (i) => ids.has(i.id) && isClosed(i),
    result,
  );
}

type SnapshotRow = { seq: number; data: Buffer };

function* snapshotPass(
  db: Db,
  select: (afterSeq: number) => unknown[],
  which: (i: Incident) => boolean,
  result: RetentionResult,
): Generator<void> {
  const update = db.prepare('UPDATE snapshots SET data = ? WHERE seq = ?');
  const remove = db.prepare('DELETE FROM snapshots WHERE seq = ?');
  const chunk = db.transaction((afterSeq: number): number | undefined => {
    const rows = select(afterSeq) as SnapshotRow[];
    for (const row of rows) {
      const picture = decode(row.data);
      if (!picture) {
        // Unreadable (Snapshots skips it too), so it cannot be reduced: it goes.
        remove.run(row.seq);
        result.snapshotsDeleted++;
        continue;
      }
      const reduced = reducePicture(picture, which);
      if (reduced === picture) continue;
      update.run(deflateSync(JSON.stringify(reduced)), row.seq);
      result.snapshotsReduced++;
    }
    return rows.length === SNAPSHOT_CHUNK ? rows[rows.length - 1]?.seq : undefined;
  });
  for (let after: number | undefined = 0; after !== undefined; yield) after = chunk(after);
}

function decode(data: Buffer): Picture | undefined {
  try {
    const p = JSON.parse(inflateSync(data).toString('utf8')) as Picture;
    if (!p || typeof p !== 'object' || !p.incidents || !p.units) return undefined;
    return { seq: p.seq, units: toIdMap(p.units), incidents: toIdMap(p.incidents) };
  } catch {
    return undefined;
  }
}

class Meta {
  private readonly get;
  private readonly put;
  constructor(db: Db) {
    this.get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  }
  num(key: string): number {
    const v = this.get.get(key) as string | undefined;
    return v === undefined ? 0 : Number(v);
  }
  set(key: string, value: number): void {
    this.put.run(key, String(value));
  }
}
