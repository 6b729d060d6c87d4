/**
 * Read-only queries on a replay dataset, for the server's replay API: the picture at any time
 * (nearest snapshot + the events after it, folded with the shared reducer), events in a time range
 * page by page, and counts per local day.
 */
import fs from 'node:fs';
import { foldInto } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { Db } from '../store/db.ts';
import { EventLog } from '../store/eventLog.ts';
import { Snapshots } from '../store/snapshots.ts';
import { datasetFile, DatasetError, openDatasetDb, type DatasetInfo } from './dataset.ts';
import { localDay, nextLocalMidnight } from '#shared/timeZone';
import { seqAt, type Clocked } from './clock.ts';

export interface Dataset {
  readonly info: DatasetInfo;
  readonly file: string;
  readonly db: Db;
  readonly log: EventLog;
  readonly snapshots: Snapshots;
  /** Imported datasets are sorted by event time before they are numbered. */
  readonly clock: 'time';
  close(): void;
}

/** What seeking needs: the live log qualifies as well as an imported dataset. */
export interface ReplaySource extends Clocked {
  readonly log: EventLog;
  readonly snapshots: Snapshots;
}

export { seqAt };

export function openDataset(dataDir: string, name: string): Dataset {
  const file = datasetFile(dataDir, name);
  if (!fs.existsSync(file)) throw new DatasetError(`no dataset "${name}" in ${dataDir}`);
  const { db, info } = openDatasetDb(file);
  return {
    info,
    file,
    db,
    log: new EventLog(db),
    snapshots: new Snapshots(db),
    clock: 'time',
    close: () => db.close(),
  };
}

/**
 * The picture as it was at time t: the log prefix up to seqAt(t) (see clock.ts), as the nearest
 * snapshot at or before it plus the events after it, folded with the shared reducer. Equal to
 * applyAll(emptyPicture(), log[1..seqAt(t)]). A new object each call.
 */
export function pictureAt(ds: ReplaySource, t: number): Picture {
  return pictureAtSeq(ds, seqAt(ds, t));
}

export function pictureAtSeq(ds: ReplaySource, seq: number): Picture {
  const start = (seq > 0 ? ds.snapshots.atOrBefore(seq, 'shape') : undefined) ?? emptyPicture();
  return foldInto(start, seq > start.seq ? ds.log.range(start.seq, seq) : []);
}

export interface EventPage {
  events: LageEvent[];
  /** Pass as afterSeq for the next page; undefined when the range is exhausted. */
  nextAfterSeq: number | undefined;
}

/**
 * Events whose clock is in [from, to), in log order, at most limit, after afterSeq: the seqs
 * seqAt(from, strict) + 1 .. seqAt(to, strict), so the first page after a picture at T (seq S)
 * asked with afterSeq = S continues it without a gap or an overlap.
 */
export function eventsInRange(
  ds: ReplaySource,
  from: number,
  to: number,
  { limit = 1_000, afterSeq = 0 }: { limit?: number; afterSeq?: number } = {},
): EventPage {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new RangeError('limit must be an integer from 1 to 100000');
  const before = seqAt(ds, from, true);
  const last = seqAt(ds, to, true);
  const after = Math.max(before, afterSeq);
  if (last <= after) return { events: [], nextAfterSeq: undefined };
  const rows = ds.db
    .prepare('SELECT data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?')
    .all(after, last, limit) as { data: string }[];
  const events = rows.map((r) => JSON.parse(r.data) as LageEvent);
  const end = events[events.length - 1]?.seq;
  return { events, nextAfterSeq: end !== undefined && end < last ? end : undefined };
}

export interface DayCount {
  /** Local date "YYYY-MM-DD" in the time zone asked for. */
  day: string;
  /** Incidents opened that day. */
  incidents: number;
  closed: number;
  positions: number;
  events: number;
}

/** Counts per local day (default: the dataset's time zone), days without events left out. */
export function countsPerDay(ds: Dataset, timeZone = ds.info.timeZone): DayCount[] {
  const out: DayCount[] = [];
  let current: DayCount | undefined;
  let end = -Infinity;
  const rows = ds.db.prepare('SELECT type, time FROM events ORDER BY seq').raw();
  for (const [type, time] of rows.iterate() as Iterable<[string, number]>) {
    if (time >= end || !current) {
      current = { day: localDay(time, timeZone), incidents: 0, closed: 0, positions: 0, events: 0 };
      end = nextLocalMidnight(time, timeZone);
      out.push(current);
    }
    current.events++;
    if (type === 'incident.opened') current.incidents++;
    else if (type === 'incident.closed') current.closed++;
    else if (type === 'unit.position') current.positions++;
  }
  return out;
}
