/**
 * The replay clock of a log: which column says when an event became part of the picture. It must
 * never decrease along seq, so "the picture at T" is always a prefix of the log and a later T never
 * shows less than an earlier one.
 *
 * - The live log uses `received` (the server clock at the commit): the picture at T is exactly what
 *   the control room's dashboards showed at T. Event times cannot serve: a terminal whose clock runs
 *   ahead (up to 5 min is accepted) or a backlog sent after a radio gap would make the prefix jump.
 * - Imported datasets use `time`: the importer sorts by it before numbering (their `received` is the
 *   import time, the same for every event).
 */
import type { Db } from '../store/db.ts';

export type ClockColumn = 'time' | 'received';

export interface Clocked {
  readonly db: Db;
  readonly clock: ClockColumn;
}

interface Probe {
  first: { get(): unknown };
  last: { get(): unknown };
  atOrAfter: { get(seq: number): unknown };
}

const probes = new WeakMap<Db, Record<ClockColumn, Probe>>();

function probe(src: Clocked): Probe {
  let byColumn = probes.get(src.db);
  if (!byColumn) {
    const make = (col: ClockColumn): Probe => ({
      first: src.db.prepare(`SELECT seq, ${col} AS t FROM events ORDER BY seq LIMIT 1`),
      last: src.db.prepare(`SELECT seq, ${col} AS t FROM events ORDER BY seq DESC LIMIT 1`),
      // Seqs may have holes (retention removes old events): the first row at or after a seq.
      atOrAfter: src.db.prepare(`SELECT seq, ${col} AS t FROM events WHERE seq >= ? ORDER BY seq LIMIT 1`),
    });
    byColumn = { time: make('time'), received: make('received') };
    probes.set(src.db, byColumn);
  }
  return byColumn[src.clock];
}

type Row = { seq: number; t: number } | undefined;

/**
 * The seq of the last event whose clock is at or before t (strictly before with `strict`), 0 when
 * there is none. A binary search over seq on the primary key: about 20 row reads for a million
 * events, no index on the clock needed.
 */
export function seqAt(src: Clocked, t: number, strict = false): number {
  const p = probe(src);
  const inside = (r: { t: number }) => (strict ? r.t < t : r.t <= t);
  const first = p.first.get() as Row;
  if (!first || !inside(first)) return 0;
  const last = p.last.get() as Row;
  if (!last || inside(last)) return last?.seq ?? 0;
  // Invariant: lo is inside (its clock ≤ t), hi is outside.
  let lo = first.seq;
  let hi = last.seq;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = p.atOrAfter.get(mid) as Row;
    if (!r || r.seq >= hi) hi = mid;
    else if (inside(r)) lo = r.seq;
    else hi = r.seq;
  }
  return lo;
}

/**
 * The clock of the first and last event and the number of events. Counted, not taken from the seqs:
 * retention removes old events and thins old positions, leaving holes (a count of a million rows
 * takes some 20 ms; the datasets list asks once when the replay view opens).
 */
export function clockRange(src: Clocked): { first: number | null; last: number | null; events: number } {
  const p = probe(src);
  const first = p.first.get() as Row;
  const last = p.last.get() as Row;
  const { n } = src.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
  return { first: first?.t ?? null, last: last?.t ?? null, events: n };
}
