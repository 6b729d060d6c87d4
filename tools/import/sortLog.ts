/**
 * Turns the staged drafts into the dataset's log: SQLite sorts them by time (ties in file order)
 * into a numbered scratch table, then they are appended page by page through the live log's own
 * EventLog (so every side table it keeps is kept here too) and folded with the shared reducer to
 * store a snapshot every N events for fast seeks.
 */
import { foldInto } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import type { LageEvent, NewEvent } from '#shared/schemas';
import type { Db } from '../../server/src/store/public.ts';
import { EventLog } from '../../server/src/store/public.ts';
import { Snapshots } from '../../server/src/store/public.ts';

const PAGE = 5_000;

export function sortAndSnapshot(
  db: Db,
  snapshotEvery: number,
  received: number,
): { events: number; from: number; to: number } {
  db.exec(`
    CREATE TABLE scratch.sorted (n INTEGER PRIMARY KEY, data TEXT NOT NULL);
    INSERT INTO scratch.sorted SELECT row_number() OVER (ORDER BY time, line, sub), data FROM scratch.staging;
    DROP TABLE scratch.staging;
  `);
  const page = db.prepare('SELECT n, data FROM scratch.sorted WHERE n > ? ORDER BY n LIMIT ?');
  const log = new EventLog(db);
  const snapshots = new Snapshots(db);
  const picture = emptyPicture();
  let from = 0;
  let to = 0;
  const appendPage = db.transaction((events: NewEvent[]) => {
    const stamped = log.append(events, received);
    for (let i = 0; i < stamped.length;) {
      const part = stamped.slice(i, i + snapshotEvery - (picture.seq % snapshotEvery));
      foldInto(picture, part);
      i += part.length;
      if (picture.seq % snapshotEvery === 0) snapshots.save(picture, part[part.length - 1]!.time);
    }
  });
  for (let after = 0; ;) {
    const rows = page.all(after, PAGE) as { n: number; data: string }[];
    if (rows.length === 0) break;
    const events = rows.map((r) => withoutStamp(JSON.parse(r.data) as LageEvent));
    if (after === 0) from = events[0]!.time;
    to = events[events.length - 1]!.time;
    appendPage(events);
    after = rows[rows.length - 1]!.n;
  }
  return { events: log.lastSeq, from, to };
}

function withoutStamp(e: LageEvent): NewEvent {
  const { seq: _seq, received: _received, ...rest } = e;
  return rest as NewEvent;
}
