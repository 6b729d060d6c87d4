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
import { localDay, nextLocalMidnight } from './timeZone.ts';

export interface Dataset {
  readonly info: DatasetInfo;
  readonly file: string;
  readonly db: Db;
  readonly log: EventLog;
  readonly snapshots: Snapshots;
  close(): void;
}

/** What seeking needs: the live log qualifies as well as an imported dataset. */
export type ReplaySource = Pick<Dataset, 'db' | 'log' | 'snapshots'>;

export function openDataset(dataDir: string, name: string): Dataset {
  const file = datasetFile(dataDir, name);
  if (!fs.existsSync(file)) throw new DatasetError(`no dataset "${name}" in ${dataDir}`);
  const { db, info } = openDatasetDb(file);
  return { info, file, db, log: new EventLog(db), snapshots: new Snapshots(db), close: () => db.close() };
}

/** The sequence number of the last event that happened at or before t (0 before the first). */
export function seqAt(ds: ReplaySource, t: number): number {
  const row = ds.db
    .prepare('SELECT seq FROM events WHERE time <= ? ORDER BY time DESC, seq DESC LIMIT 1')
    .get(t) as { seq: number } | undefined;
  return row?.seq ?? 0;
}

/** The picture as it was at time t: every event with time <= t folded in. A new object each call. */
export function pictureAt(ds: ReplaySource, t: number): Picture {
  const seq = seqAt(ds, t);
  const start = (seq > 0 ? ds.snapshots.atOrBefore(seq) : undefined) ?? emptyPicture();
  return foldInto(start, seq > start.seq ? ds.log.range(start.seq, seq) : []);
}

export interface EventPage {
  events: LageEvent[];
  /** Pass as afterSeq for the next page; undefined when the range is exhausted. */
  nextAfterSeq: number | undefined;
}

/** Events with from <= time < to in log (= time) order, at most limit, after afterSeq. */
export function eventsInRange(
  ds: ReplaySource,
  from: number,
  to: number,
  { limit = 1_000, afterSeq = 0 }: { limit?: number; afterSeq?: number } = {},
): EventPage {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new RangeError('limit must be an integer from 1 to 100000');
  const first = ds.db
    .prepare('SELECT seq FROM events WHERE time >= ? ORDER BY time, seq LIMIT 1')
    .get(from) as { seq: number } | undefined;
  const last = seqAt(ds, to - 1);
  if (!first || last < first.seq) return { events: [], nextAfterSeq: undefined };
  const after = Math.max(first.seq - 1, afterSeq);
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
