/**
 * Turns the staged events into the dataset's log: read from the staging file in time order (ties in
 * file order), appended page by page through the live log's own EventLog (so every side table it
 * keeps is kept here too) and folded with the shared reducer to store a snapshot every N events
 * for fast seeks.
 */
import { foldInto } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { Db } from '../../server/src/store/public.ts';
import { EventLog } from '../../server/src/store/public.ts';
import { Snapshots } from '../../server/src/store/public.ts';
import type { Staging } from './staging.ts';

const PAGE = 10_000;

export function sortAndSnapshot(
  db: Db,
  staging: Staging,
  snapshotEvery: number,
  received: number,
  onPage?: (p: { events: number; total: number }) => void,
): { events: number; from: number; to: number } {
  const log = new EventLog(db);
  const snapshots = new Snapshots(db, 1);
  const picture = emptyPicture();
  let from = 0;
  let to = 0;
  const appendPage = db.transaction((stamped: LageEvent[], data: string[]) => {
    log.writeSerialized(stamped, data);
    for (let i = 0; i < stamped.length;) {
      const part = stamped.slice(i, i + snapshotEvery - (picture.seq % snapshotEvery));
      foldInto(picture, part);
      i += part.length;
      if (picture.seq % snapshotEvery === 0) snapshots.save(picture, part[part.length - 1]!.time);
    }
  });
  let seq = log.lastSeq;
  for (const page of staging.sorted(PAGE)) {
    const events: LageEvent[] = new Array(page.length);
    for (let i = 0; i < page.length; i++) {
      const json = page[i]!;
      const e = JSON.parse(json) as LageEvent;
      e.seq = ++seq;
      e.received = received;
      events[i] = e;
      // The staged text has neither field (staging.ts): the stored one is that text with both in front.
      page[i] = `{"seq":${seq},"received":${received},${json.slice(1)}`;
    }
    if (from === 0) from = events[0]!.time;
    to = events[events.length - 1]!.time;
    appendPage(events, page);
    onPage?.({ events: seq, total: staging.size });
  }
  return { events: log.lastSeq, from, to };
}
