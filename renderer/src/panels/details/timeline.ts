/**
 * An incident's timeline. `historyTimeline` builds it from the incident's events on the server
 * (GET /api/v1/incidents/:id/events): every step with its exact time and who did it. Until that
 * answer is there (or when the server cannot give it) `incidentTimeline` derives what it can from
 * the picture, which keeps no time per assignment: the first one is the dispatch time, a later one
 * is known while its unit is still in status 3 on this incident; otherwise the entry has no time.
 */
import type { FmsStatus, Incident, IncidentState, Unit } from '#shared/domain';
import type { LageEvent } from '#shared/schemas';

export type TimelineEntry =
  | { kind: 'opened' | 'dispatched' | 'firstOnScene' | 'closed'; time: number; by?: string }
  | { kind: 'note'; time: number; author: string; text: string }
  | { kind: 'assigned'; time: number | null; unitId: string; callsign: string; by?: string }
  | { kind: 'status'; time: number; unitId: string; callsign: string; status: FmsStatus; by?: string }
  | { kind: 'state'; time: number; state: IncidentState; by?: string }
  | { kind: 'updated'; time: number; fields: string[]; by?: string };

const withBy = <T extends object>(entry: T, by: string | undefined): T => (by ? { ...entry, by } : entry);

/**
 * Every step of the incident from its events, oldest first: opened, each assignment, each status of
 * a unit bound to it (3 en route, 4 on scene, free again), state changes, other changes (by field
 * name), notes, closed. Units are named by their callsign in the picture (units are never dropped).
 */
export function historyTimeline(
  events: readonly LageEvent[],
  units: Readonly<Record<string, Unit>>,
): TimelineEntry[] {
  const callsign = (id: string) => units[id]?.callsign ?? id;
  const out: TimelineEntry[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'incident.opened':
        out.push(withBy({ kind: 'opened', time: e.time }, e.by));
        break;
      case 'incident.assigned':
        out.push(
          withBy({ kind: 'assigned', time: e.time, unitId: e.unitId, callsign: callsign(e.unitId) }, e.by),
        );
        break;
      case 'unit.status':
        out.push(
          withBy(
            {
              kind: 'status',
              time: e.time,
              unitId: e.unitId,
              callsign: callsign(e.unitId),
              status: e.status,
            },
            e.by,
          ),
        );
        break;
      case 'incident.updated': {
        const { state, ...rest } = e.patch;
        if (state !== undefined) out.push(withBy({ kind: 'state', time: e.time, state }, e.by));
        const fields = Object.keys(rest).sort();
        if (fields.length) out.push(withBy({ kind: 'updated', time: e.time, fields }, e.by));
        break;
      }
      case 'incident.note':
        out.push({ kind: 'note', time: e.time, author: e.by ?? '', text: e.text });
        break;
      case 'incident.closed':
        out.push(withBy({ kind: 'closed', time: e.time }, e.by));
        break;
      default:
        break;
    }
  }
  // The log is in commit order; a terminal may report a status with an earlier time. Stable sort.
  return out.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
}

/** Oldest first; entries of equal time in the order above; assignments without a time last. */
export function incidentTimeline(inc: Incident, units: Readonly<Record<string, Unit>>): TimelineEntry[] {
  const timed: TimelineEntry[] = [{ kind: 'opened', time: inc.times.opened }];
  const { dispatched, firstOnScene, closed } = inc.times;
  if (dispatched !== undefined) timed.push({ kind: 'dispatched', time: dispatched });
  const untimed: TimelineEntry[] = [];
  inc.units.forEach((unitId, index) => {
    const u = units[unitId];
    const callsign = u?.callsign ?? unitId;
    const time =
      index === 0 && dispatched !== undefined
        ? dispatched
        : u && u.incidentId === inc.id && u.status === 3
          ? u.statusSince
          : null;
    if (time === null) untimed.push({ kind: 'assigned', time, unitId, callsign });
    else timed.push({ kind: 'assigned', time, unitId, callsign });
  });
  if (firstOnScene !== undefined) timed.push({ kind: 'firstOnScene', time: firstOnScene });
  for (const n of inc.notes) timed.push({ kind: 'note', time: n.time, author: n.author, text: n.text });
  if (closed !== undefined) timed.push({ kind: 'closed', time: closed });
  // Array.prototype.sort is stable: equal times keep the push order above.
  timed.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  return [...timed, ...untimed];
}
