/**
 * Response times from the event log (issue 16): for the incidents opened in a window, the time from
 * the call to the dispatch of the first unit and to the first unit on scene, as median and 90th
 * percentile, overall and per priority and call type. docs/api.md states the rules; in short:
 * - call = the incident's opening (the earliest `incident.opened` of its id, event time);
 * - dispatch = the earliest assignment of a unit to it: `incident.assigned`, or a status 3 that
 *   names the incident (the reducer assigns on both);
 * - first on scene = the earliest status 4 of any unit bound to it (assigned, or a status 3/4 naming
 *   it, until the unit is free, off duty or assigned elsewhere), as the reducer binds units;
 * - an incident without a dispatch (or without a unit on scene) is left out of that figure and
 *   counted in its `missing`; so is one whose step lies before its call (a clock error in the
 *   source), counted in `early`. Steps timed more than MAX_RESPONSE_MS outside [from, to) are not looked for.
 */
import type { CallType, Priority } from '#shared/domain';
import type { ViewPolicy } from '#shared/redact';
import type { LageEvent } from '#shared/schemas';
import type { Db } from './store/db.ts';
import { incidentDistrictCondition } from './store/districtFilter.ts';

/** How long after a call its dispatch or arrival is looked for (bounds the log scan). */
export const MAX_RESPONSE_MS = 24 * 3_600_000;

export interface Figure {
  /** Incidents in the figure. */
  n: number;
  medianS: number | null;
  p90S: number | null;
  /** Incidents left out: no such step within MAX_RESPONSE_MS of the call. */
  missing: number;
  /** Incidents left out: the step's time lies before the call. */
  early: number;
}

export interface Figures {
  n: number;
  callToDispatch: Figure;
  callToFirstOnScene: Figure;
}

export interface ResponseTimes extends Figures {
  from: number;
  to: number;
  byPriority: ({ priority: Priority } & Figures)[];
  byType: ({ type: CallType } & Figures)[];
}

export interface ResponseFilter {
  types?: readonly CallType[];
  priorities?: readonly Priority[];
}

interface Call {
  id: string;
  seq: number;
  time: number;
  type: CallType;
  priority: Priority;
  dispatched?: number;
  onScene?: number;
}

/** Median of sorted values: the middle one, or the mean of the two middle ones for an even count. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p·n values ≤ it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * n) - 1)]!;
}

function figure(calls: readonly Call[], step: 'dispatched' | 'onScene'): Figure {
  const secs: number[] = [];
  let missing = 0;
  let early = 0;
  for (const c of calls) {
    const t = c[step];
    if (t === undefined) missing++;
    else if (t < c.time) early++;
    else secs.push((t - c.time) / 1000);
  }
  secs.sort((a, b) => a - b);
  return { n: secs.length, medianS: median(secs), p90S: percentile(secs, 0.9), missing, early };
}

function figures(calls: readonly Call[]): Figures {
  return {
    n: calls.length,
    callToDispatch: figure(calls, 'dispatched'),
    callToFirstOnScene: figure(calls, 'onScene'),
  };
}

function groups<K extends string | number>(calls: readonly Call[], key: (c: Call) => K): Map<K, Call[]> {
  const out = new Map<K, Call[]>();
  for (const c of calls) {
    const k = key(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

/** The incidents opened in [from, to) that the viewer sees and the filter keeps, by id. */
function callsIn(
  db: Db,
  from: number,
  to: number,
  policy: ViewPolicy,
  filter: ResponseFilter,
): Map<string, Call> {
  const districts = incidentDistrictCondition(db, policy, 'i');
  const rows = db
    .prepare(
      `SELECT e.data->>'$.incident.id' AS id, MIN(i.seq) AS seq, MIN(i.time) AS time, i.type AS type,
              i.priority AS priority
       FROM incident_index i JOIN events e ON e.seq = i.seq
       WHERE i.time >= ? AND i.time < ?${districts.sql} GROUP BY e.data->>'$.incident.id'`,
    )
    .all(from, to, ...districts.args) as Omit<Call, 'dispatched' | 'onScene'>[];
  const calls = new Map<string, Call>();
  for (const r of rows) {
    if (filter.types && !filter.types.includes(r.type)) continue;
    if (filter.priorities && !filter.priorities.includes(r.priority)) continue;
    calls.set(r.id, { ...r });
  }
  return calls;
}

/** The earliest of two times (either may be missing). */
const earliest = (a: number | undefined, b: number): number => (a === undefined || b < a ? b : a);

/**
 * Response times of the incidents opened in [from, to). One pass over the log's assignments and
 * status changes timed from MAX_RESPONSE_MS before `from` to MAX_RESPONSE_MS after `to`.
 */
export function responseTimes(
  db: Db,
  from: number,
  to: number,
  policy: ViewPolicy,
  filter: ResponseFilter = {},
): ResponseTimes {
  const calls = callsIn(db, from, to, policy, filter);
  let firstSeq = Number.MAX_SAFE_INTEGER;
  for (const c of calls.values()) firstSeq = Math.min(firstSeq, c.seq);
  if (calls.size > 0) {
    // By time (the events_time index), so a week of a ten-year dataset reads about a week of the
    // log; in log order, as the reducer binds units. A step timed before its call is still found.
    const rows = db
      .prepare(
        `SELECT data FROM events
         WHERE time >= ? AND time < ? AND seq > ? AND type IN ('incident.assigned', 'unit.status')
         ORDER BY seq`,
      )
      .iterate(from - MAX_RESPONSE_MS, to + MAX_RESPONSE_MS, firstSeq) as IterableIterator<{ data: string }>;
    /** unit → incident it is bound to (the reducer's unit.incidentId). */
    const bound = new Map<string, string>();
    for (const row of rows) {
      const e = JSON.parse(row.data) as LageEvent;
      if (e.type === 'incident.assigned') {
        bound.set(e.unitId, e.incidentId);
        const c = calls.get(e.incidentId);
        if (c) c.dispatched = earliest(c.dispatched, e.time);
      } else if (e.type === 'unit.status') {
        if (e.status === 3 && e.incidentId !== undefined) {
          bound.set(e.unitId, e.incidentId);
          const c = calls.get(e.incidentId);
          if (c) c.dispatched = earliest(c.dispatched, e.time);
        } else if (e.status === 4) {
          const id = e.incidentId ?? bound.get(e.unitId);
          const c = id === undefined ? undefined : calls.get(id);
          if (c) c.onScene = earliest(c.onScene, e.time);
        } else if (e.status === 1 || e.status === 2 || e.status === 6) bound.delete(e.unitId);
      }
    }
  }
  const list = [...calls.values()];
  const byPriority = [...groups(list, (c) => c.priority)]
    .sort(([a], [b]) => a - b)
    .map(([priority, cs]) => ({ priority, ...figures(cs) }));
  const byType = [...groups(list, (c) => c.type)]
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .map(([type, cs]) => ({ type, ...figures(cs) }));
  return { from, to, ...figures(list), byPriority, byType };
}
