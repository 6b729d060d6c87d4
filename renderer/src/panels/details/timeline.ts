/**
 * An incident's timeline derived from the picture: opened, dispatched, first on scene, closed,
 * notes and assignments. The picture keeps no time per assignment: the first one is the dispatch
 * time, a later one is known while its unit is still in status 3 on this incident (the status
 * change is the assignment); otherwise the entry has no time. The event log (GET /api/v1/events)
 * has every time and can replace this later.
 */
import type { Incident, Unit } from '#shared/domain';

export type TimelineEntry =
  | { kind: 'opened' | 'dispatched' | 'firstOnScene' | 'closed'; time: number }
  | { kind: 'note'; time: number; author: string; text: string }
  | { kind: 'assigned'; time: number | null; unitId: string; callsign: string };

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
