/**
 * One incident's history from the event log, and incident counts per hour and per call type. The
 * live picture keeps no time per step (and drops closed incidents after 12 h), the log has them all.
 */
import type { CallType } from '#shared/domain';
import type { ViewPolicy } from '#shared/redact';
import type { LageEvent } from '#shared/schemas';
import type { Db } from './store/db.ts';
import { incidentDistrictCondition } from './store/districtFilter.ts';

/** Event types that can belong to an incident's history (positions never do). */
const HISTORY_TYPES = new Set<LageEvent['type']>([
  'incident.opened',
  'incident.updated',
  'incident.assigned',
  'incident.closed',
  'incident.note',
  'unit.status',
]);

/** How far one query reads at most; an incident open for weeks is cut here (and says so). */
export const MAX_HISTORY_SCAN = 200_000;

export interface IncidentHistory {
  events: LageEvent[];
  /** True when the scan stopped at MAX_HISTORY_SCAN before reaching the end of the incident. */
  truncated: boolean;
}

/**
 * Seq of the first `incident.opened` of the incident (at or before `toSeq`), or undefined when the
 * log (up to `toSeq`) has none.
 */
export function openedSeq(db: Db, incidentId: string, toSeq = Number.MAX_SAFE_INTEGER): number | undefined {
  const row = db
    .prepare(
      `SELECT MIN(i.seq) AS seq FROM incident_index i JOIN events e ON e.seq = i.seq
       WHERE e.data->>'$.incident.id' = ? AND i.seq <= ?`,
    )
    .get(incidentId, toSeq) as { seq: number | null };
  return row.seq ?? undefined;
}

/**
 * The incident's events in log order: its opening, updates, assignments, notes and closure, and
 * every status change of a unit while it was bound to the incident (from its assignment until it
 * is free again, assigned elsewhere or the incident is closed). Undefined when the incident is unknown.
 * With `toSeq` (a replay at T: the seq of the last event the picture at T holds), only what was in
 * the log up to that seq: the history as it was known then; an incident opened later is unknown.
 */
export function incidentHistory(
  db: Db,
  incidentId: string,
  toSeq = Number.MAX_SAFE_INTEGER,
): IncidentHistory | undefined {
  const from = openedSeq(db, incidentId, toSeq);
  if (from === undefined) return undefined;
  const rows = db
    .prepare(
      `SELECT data FROM events WHERE type <> 'unit.position' AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`,
    )
    .iterate(from, toSeq, MAX_HISTORY_SCAN) as IterableIterator<{ data: string }>;
  const bound = new Set<string>();
  const events: LageEvent[] = [];
  let scanned = 0;
  for (const row of rows) {
    scanned++;
    const e = JSON.parse(row.data) as LageEvent;
    if (!HISTORY_TYPES.has(e.type)) continue;
    if (belongs(e, incidentId, bound)) events.push(e);
    if (e.type === 'incident.closed' && e.incidentId === incidentId) return { events, truncated: false };
  }
  return { events, truncated: scanned >= MAX_HISTORY_SCAN };
}

/** Whether the event is part of the incident's history; keeps track of the units bound to it. */
function belongs(e: LageEvent, id: string, bound: Set<string>): boolean {
  switch (e.type) {
    case 'incident.opened':
      return e.incident.id === id;
    case 'incident.updated':
    case 'incident.note':
    case 'incident.closed':
      return e.incidentId === id;
    case 'incident.assigned':
      if (e.incidentId === id) {
        bound.add(e.unitId);
        return true;
      }
      bound.delete(e.unitId);
      return false;
    case 'unit.status': {
      if (e.status === 3 && e.incidentId !== undefined) {
        if (e.incidentId === id) bound.add(e.unitId);
        else bound.delete(e.unitId);
      }
      if (!bound.has(e.unitId)) return false;
      // Free again or off duty: this status ends the unit's part in the incident (and is shown).
      if (e.status === 1 || e.status === 2 || e.status === 6) bound.delete(e.unitId);
      return true;
    }
    default:
      return false;
  }
}

export interface HourCount {
  /** Start of the hour bucket, epoch ms. */
  start: number;
  count: number;
}

export interface IncidentStats {
  from: number;
  to: number;
  total: number;
  perHour: HourCount[];
  byType: { type: CallType; count: number }[];
}

export const HOUR_MS = 3_600_000;

/**
 * Incidents opened in [from, to): per hour bucket (bucket i is [from + i h, from + (i+1) h)) and per
 * call type, most frequent first. An id opened twice (ingest refuses that, an old log may not) counts once.
 * Only the incidents the viewer sees: a district-limited viewer's districts and those without one.
 */
export function incidentStats(db: Db, from: number, to: number, policy: ViewPolicy): IncidentStats {
  const districts = incidentDistrictCondition(db, policy, 'i');
  const rows = db
    .prepare(
      `SELECT MIN(i.time) AS time, i.type AS type FROM incident_index i JOIN events e ON e.seq = i.seq
       WHERE i.time >= ? AND i.time < ?${districts.sql} GROUP BY e.data->>'$.incident.id'`,
    )
    .all(from, to, ...districts.args) as { time: number; type: CallType }[];
  const hours = Math.ceil((to - from) / HOUR_MS);
  const perHour = Array.from({ length: hours }, (_, k) => ({ start: from + k * HOUR_MS, count: 0 }));
  const types = new Map<CallType, number>();
  for (const r of rows) {
    const bucket = perHour[Math.floor((r.time - from) / HOUR_MS)];
    if (bucket) bucket.count++;
    types.set(r.type, (types.get(r.type) ?? 0) + 1);
  }
  const byType = [...types]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return { from, to, total: rows.length, perHour, byType };
}
