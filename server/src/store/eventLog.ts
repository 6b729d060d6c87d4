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
    this.appendTx = db.transaction((events: LageEvent[]) => {
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
        const args: unknown[] = [];
        for (let k = i; k < i + BLOCK; k++) args.push(...toRow(events[k]!));
        insertBlock.run(args);
      }
      for (; i < events.length; i++) this.insert.run(toRow(events[i]!));
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
    let seq = this.last;
    const stamped = events.map((e) => ({ ...e, seq: ++seq, received }) as LageEvent);
    this.appendTx(stamped);
    this.last = seq;
    return stamped;
  }

  /** Events with seq >= fromSeq, at most limit of them. */
  read(fromSeq: number, limit: number): LageEvent[] {
    return (this.selectFrom.all(fromSeq, limit) as Row[]).map(parse);
  }

  /** Events with afterSeq < seq <= toSeq. */
  range(afterSeq: number, toSeq: number): LageEvent[] {
    return (this.selectRange.all(afterSeq, toSeq) as Row[]).map(parse);
  }

  /** Events that happened in [from, to), in log order. */
  byTime(from: number, to: number, limit: number): LageEvent[] {
    return (this.selectTimeRange.all(from, to, limit) as Row[]).map(parse);
  }

  *iterateAfter(afterSeq: number, chunk = 10_000): Generator<LageEvent[]> {
    let from = afterSeq + 1;
    for (;;) {
      const events = this.read(from, chunk);
      if (events.length === 0) return;
      yield events;
      from = (events[events.length - 1]?.seq ?? from) + 1;
    }
  }
}

const BLOCK = 64;

function toRow(e: LageEvent): [number, string, number, number, string] {
  return [e.seq, e.type, e.time, e.received, JSON.stringify(e)];
}

function parse(row: Row): LageEvent {
  return JSON.parse(row.data) as LageEvent;
}
