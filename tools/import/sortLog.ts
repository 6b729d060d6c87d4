/**
 * Turns the events into the dataset's log, in time order (ties in file order): read sorted from the
 * staging file, or as a converter makes them already in order; appended page by page through the
 * live log's own EventLog (so every side table it keeps is kept here too) and folded by the shared
 * reducer's rules (in place, importFold.ts) to store a snapshot every N events for fast seeks.
 */
import type { LageEvent } from '#shared/schemas';
import type { Db } from '../../server/src/store/public.ts';
import { EventLog, Snapshots } from '../../server/src/store/public.ts';
import type { Draft } from './drafts.ts';
import { SNAPSHOT_LEVEL } from './bulkDb.ts';
import { ImportFold } from './importFold.ts';
import { plainJson } from './plainEvents.ts';
import type { Staging } from './staging.ts';

/**
 * Events per page (one transaction each, with its fold): 2,000 used about a tenth less CPU than 10,000
 * (bench/import.ts side by side), since a page's events and texts live while it is written and every
 * young-generation collection in between copies them.
 */
const PAGE = 2_000;

/**
 * Events stamped with seq and received, each with its stored JSON; undefined for an event made by
 * plainStatus or plainClosed, whose text plainJson writes where it is stored (on the writing thread,
 * when there is one).
 */
export interface Page {
  events: LageEvent[];
  data: (string | undefined)[];
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
    page.data.push(d.plain ? undefined : JSON.stringify(e));
    if (page.events.length === PAGE) {
      yield page;
      page = { events: [], data: [] };
    }
  }
  if (page.events.length) yield page;
}

/** A snapshot due within a page: the picture as JSON after the event with this seq. */
export interface SnapshotText {
  seq: number;
  time: number;
  json: string;
}

/**
 * Where the pages go: the dataset's log on this thread (InlineSink) or on a thread of its own
 * (writerThread.ts). `write` stores a page's events with their JSON and the snapshots due in it, in one
 * transaction; it may return before they are stored (then `flush` waits for every page).
 */
export interface LogSink {
  write(events: LageEvent[], data: (string | undefined)[], snapshots: SnapshotText[]): void | Promise<void>;
  flush(): Promise<void>;
  /** Events stored so far. */
  readonly written: number;
}

/** Stores each page at once through the database on this thread. */
export class InlineSink implements LogSink {
  private readonly log: EventLog;
  private readonly tx: (events: LageEvent[], data: string[], snapshots: SnapshotText[]) => void;

  constructor(db: Db) {
    const log = (this.log = new EventLog(db));
    const snapshots = new Snapshots(db, SNAPSHOT_LEVEL);
    this.tx = db.transaction((events: LageEvent[], data: string[], snaps: SnapshotText[]) => {
      log.writeSerialized(events, data);
      for (const s of snaps) snapshots.saveSerialized(s.seq, s.time, s.json);
    });
  }

  get written(): number {
    return this.log.lastSeq;
  }

  write(events: LageEvent[], data: (string | undefined)[], snapshots: SnapshotText[]): void {
    for (let i = 0; i < data.length; i++) data[i] ??= plainJson(events[i]!);
    this.tx(events, data as string[], snapshots);
  }

  async flush(): Promise<void> {}
}

/**
 * Folds the pages by the shared reducer's rules (in place) and hands them to the sink with a
 * snapshot every `snapshotEvery` events. `total` says how many events there are (or are expected)
 * for `onPage`, which hears of each page once it is stored.
 */
export async function writeLog(
  sink: LogSink,
  pages: Iterable<Page>,
  snapshotEvery: number,
  total: () => number,
  onPage?: WriteProgress,
): Promise<{ events: number; from: number; to: number }> {
  const fold = new ImportFold();
  const picture = fold.picture;
  let from = 0;
  let to = 0;
  let reported = 0;
  const report = () => {
    const n = sink.written;
    if (n > reported) onPage?.({ events: n, total: Math.max(total(), n) });
    reported = n;
  };
  for (const { events, data } of pages) {
    if (from === 0) from = events[0]!.time;
    to = events[events.length - 1]!.time;
    const snaps: SnapshotText[] = [];
    for (let i = 0; i < events.length;) {
      const part = events.slice(i, i + snapshotEvery - (picture.seq % snapshotEvery));
      fold.fold(part);
      i += part.length;
      if (picture.seq % snapshotEvery === 0)
        snaps.push({ seq: picture.seq, time: part[part.length - 1]!.time, json: fold.json() });
    }
    await sink.write(events, data, snaps);
    report();
  }
  await sink.flush();
  report();
  return { events: sink.written, from, to };
}
