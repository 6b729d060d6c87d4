import type { LageEvent, NewEvent } from '#shared/schemas';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

interface Row {
  seq: number;
  data: string;
}

/** The meta key under which retention keeps the highest seq it reduced or deleted. */
export const RETENTION_FLOOR_KEY = 'retention_floor_seq';

/**
 * The append-only event log: the single source of truth. Sequence numbers are contiguous from 1;
 * below the retention floor (floorSeq) old positions may have been thinned out and notes removed.
 */
export class EventLog {
  private readonly insert;
  private readonly selectFrom;
  private readonly selectRange;
  private readonly selectTimeRange;
  private readonly appendTx;
  private readonly floorStmt;
  private last: number;
  /** Seqs start-up could not fold (Lage quarantines them): never served to a reader. */
  private readonly skipped = new Set<number>();

  constructor(readonly db: Db) {
    this.insert = db.prepare('INSERT INTO events (seq, type, time, received, data) VALUES (?, ?, ?, ?, ?)');
    this.selectFrom = db.prepare('SELECT seq, data FROM events WHERE seq >= ? ORDER BY seq LIMIT ?');
    this.selectRange = db.prepare('SELECT seq, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq');
    this.selectTimeRange = db.prepare(
      'SELECT seq, data FROM events WHERE time >= ? AND time < ? ORDER BY seq LIMIT ?',
    );
    // Rows go in 64 at a time: one statement call per block is markedly cheaper than one per row.
    const insertBlock = db.prepare(
      'INSERT INTO events (seq, type, time, received, data) VALUES ' +
        Array(BLOCK).fill('(?, ?, ?, ?, ?)').join(', '),
    );
    // Prepared on the first incident: a dataset file of schema 1 (opened read-only, never migrated,
    // never appended to) has no district column, and preparing this statement would fail there.
    let indexIncident: Statement | undefined;
    this.appendTx = db.transaction((events: readonly LageEvent[], data?: readonly string[]) => {
      for (const e of events) {
        if (e.type !== 'incident.opened') continue;
        const { type, priority, location, district } = e.incident;
        indexIncident ??= db.prepare(
          'INSERT INTO incident_index (seq, time, type, priority, lat, lon, district) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        indexIncident.run(e.seq, e.time, type, priority, location.lat, location.lon, district ?? null);
      }
      let i = 0;
      for (; i + BLOCK <= events.length; i += BLOCK) {
        // Pushed field by field: a tuple per event spread into the block cost an import of
        // millions of events a measurable share of its time.
        const args: unknown[] = [];
        for (let k = i; k < i + BLOCK; k++) pushRow(args, events[k]!, data?.[k]);
        insertBlock.run(args);
      }
      for (; i < events.length; i++) this.insert.run(pushRow([], events[i]!, data?.[i]));
    });
    const row = db.prepare('SELECT MAX(seq) AS seq FROM events').get() as { seq: number | null };
    this.floorStmt = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    // Retention may have deleted the newest rows (thinned positions): a seq is never handed out twice.
    this.last = Math.max(row.seq ?? 0, this.floorSeq);
  }

  get lastSeq(): number {
    return this.last;
  }

  /**
   * Events up to this seq may have been reduced or deleted by retention (0 = none): a reader that
   * last saw an earlier seq cannot resume from the log and needs a fresh picture.
   */
  get floorSeq(): number {
    const v = this.floorStmt.get(RETENTION_FLOOR_KEY) as string | undefined;
    return v === undefined ? 0 : Number(v);
  }

  /**
   * Stamps the events with seq and received time and commits them in one transaction. Returns only
   * after the commit; on failure nothing is stored and the sequence does not advance.
   */
  append(events: readonly NewEvent[], received: number): LageEvent[] {
    const stamped = this.stamp(events, received);
    this.write(stamped);
    return stamped;
  }

  /** The events as `append` would store them next (seq and received), without storing them. */
  stamp(events: readonly NewEvent[], received: number): LageEvent[] {
    let seq = this.last;
    // A copy, then the two fields: `{ ...e, seq, received }` measured 2-3 µs more per event and made
    // the copies slower to serialise (bench: committed ingest); same keys in the same order.
    return events.map((e) => {
      const stamped = Object.assign({}, e) as LageEvent;
      stamped.seq = ++seq;
      stamped.received = received;
      return stamped;
    });
  }

  /**
   * Commits events stamped by `stamp` (nothing appended in between) in one transaction; on failure
   * nothing is stored and the sequence does not advance.
   */
  write(stamped: readonly LageEvent[]): void {
    this.writeSerialized(stamped, undefined);
  }

  /**
   * As write, with each event's stored JSON made by the caller (`data[i]` is `stamped[i]` as JSON):
   * the importer has every event as JSON already and saves serialising millions of them twice.
   */
  writeSerialized(stamped: readonly LageEvent[], data: readonly string[] | undefined): void {
    if (stamped.length === 0) return;
    if (stamped[0]!.seq !== this.last + 1)
      throw new Error(`stale stamp: seq ${stamped[0]!.seq} after ${this.last}`);
    if (data && data.length !== stamped.length) throw new Error('one JSON text per event');
    this.appendTx(stamped, data);
    this.last = stamped[stamped.length - 1]!.seq;
  }

  /**
   * Leaves the row with this seq out of every read from now on (it stays stored for inspection):
   * a reader folding the log must get the same picture the server has.
   */
  quarantine(seq: number): void {
    this.skipped.add(seq);
  }

  /** Events with seq >= fromSeq, at most limit rows of the log (quarantined ones left out). */
  read(fromSeq: number, limit: number): LageEvent[] {
    return this.page(fromSeq, limit).events;
  }

  /** As read, plus the seq to read from next (past quarantined rows at the end of the page). */
  page(fromSeq: number, limit: number): { events: LageEvent[]; next: number | undefined } {
    const rows = this.selectFrom.all(fromSeq, limit) as Row[];
    const last = rows[rows.length - 1];
    return { events: this.rows(rows), next: last ? last.seq + 1 : undefined };
  }

  /** Events with afterSeq < seq <= toSeq. */
  range(afterSeq: number, toSeq: number): LageEvent[] {
    return this.rows(this.selectRange.all(afterSeq, toSeq) as Row[]);
  }

  /** Events that happened in [from, to), in log order. */
  byTime(from: number, to: number, limit: number): LageEvent[] {
    return this.rows(this.selectTimeRange.all(from, to, limit) as Row[]);
  }

  private rows(rows: Row[]): LageEvent[] {
    const kept = this.skipped.size === 0 ? rows : rows.filter((r) => !this.skipped.has(r.seq));
    return kept.map(parse);
  }

  *iterateAfter(afterSeq: number, chunk = 10_000): Generator<LageEvent[]> {
    let from = afterSeq + 1;
    for (;;) {
      const { events, next } = this.page(from, chunk);
      if (next === undefined) return;
      if (events.length > 0) yield events;
      from = next;
    }
  }
}

const BLOCK = 64;

/** Appends an event's row (seq, type, time, received, JSON) to `out`, the one place its columns are listed. */
function pushRow(out: unknown[], e: LageEvent, data?: string): unknown[] {
  out.push(e.seq, e.type, e.time, e.received, data ?? JSON.stringify(e));
  return out;
}

/**
 * A row that is not JSON (damaged by hand or by disk) reads as an event of no known type: the
 * reducer refuses it and start-up quarantines it instead of dying on it.
 */
function parse(row: Row): LageEvent {
  try {
    return JSON.parse(row.data) as LageEvent;
  } catch (err) {
    return { seq: row.seq, type: `unreadable: ${(err as Error).message}` } as unknown as LageEvent;
  }
}
