/**
 * Turns the events into the dataset's log, in time order (ties in file order): read sorted from the
 * staging file, or as a converter makes them already in order; appended page by page through the
 * live log's own EventLog (so every side table it keeps is kept here too) and folded with the
 * shared reducer to store a snapshot every N events for fast seeks.
 */
import { foldInto } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { Db } from '../../server/src/store/public.ts';
import { EventLog } from '../../server/src/store/public.ts';
import { Snapshots } from '../../server/src/store/public.ts';
import type { Draft } from './drafts.ts';
import type { Staging } from './staging.ts';

/**
 * Events per page (one transaction each, with its fold): 2,000 used about a tenth less CPU than 10,000
 * (bench/import.ts side by side), since a page's events and texts live while it is written and every
 * young-generation collection in between copies them.
 */
const PAGE = 2_000;

/** Events stamped with seq and received, each with its stored JSON. */
interface Page {
  events: LageEvent[];
  data: string[];
}

/** Progress of the writing: events written so far and how many there are (or are expected). */
export type WriteProgress = (p: { events: number; total: number }) => void;

/** The staged events read back in log order (time, then file order). */
export function* stagedPages(staging: Staging, received: number): Generator<Page> {
  let seq = 0;
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
    yield { events, data: page };
  }
}

/** Drafts that already come in log order (merge.ts), stamped a page at a time. */
export function* orderedPages(drafts: Iterable<Draft>, received: number): Generator<Page> {
  let seq = 0;
  let page: Page = { events: [], data: [] };
  for (const d of drafts) {
    // The draft's event is its own object (drafts.ts): stamped in place.
    const e = d.event;
    e.seq = ++seq;
    e.received = received;
    page.events.push(e);
    page.data.push(JSON.stringify(e));
    if (page.events.length === PAGE) {
      yield page;
      page = { events: [], data: [] };
    }
  }
  if (page.events.length) yield page;
}

/**
 * Appends the pages to the dataset's log and folds them, storing a snapshot every `snapshotEvery`
 * events. `total` says how many events there are (or are expected) for `onPage`.
 */
export function writeLog(
  db: Db,
  pages: Iterable<Page>,
  snapshotEvery: number,
  total: () => number,
  onPage?: WriteProgress,
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
  for (const { events, data } of pages) {
    if (from === 0) from = events[0]!.time;
    to = events[events.length - 1]!.time;
    appendPage(events, data);
    onPage?.({ events: log.lastSeq, total: Math.max(total(), log.lastSeq) });
  }
  return { events: log.lastSeq, from, to };
}
