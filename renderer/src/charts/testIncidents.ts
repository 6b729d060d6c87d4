/** Builders for hand-computed KPI and list cases. Test helper only. */
import type { CallType, Incident, IncidentTimes, Priority } from '#shared/domain';

export function incident(
  id: string,
  type: CallType,
  times: IncidentTimes,
  over: Partial<Incident> & { priority?: Priority } = {},
): Incident {
  return {
    id,
    number: `E-${id}`,
    type,
    priority: 2,
    state:
      times.closed !== undefined ? 'abgeschlossen' : times.dispatched !== undefined ? 'disponiert' : 'neu',
    location: { lat: 50.94, lon: 6.96 },
    times,
    units: [],
    notes: [],
    ...over,
  };
}
