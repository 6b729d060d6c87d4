/** Derived views of the picture for panels. Pure functions of state, so they test without React. */
import { FMS_INFO, type FmsCategory, type Incident, type Unit } from '#shared/domain';
import type { PictureState } from './pictureStore.ts';

export const selectUnit =
  (id: string) =>
  (s: PictureState): Unit | undefined =>
    s.picture.units[id];

export const selectIncident =
  (id: string) =>
  (s: PictureState): Incident | undefined =>
    s.picture.incidents[id];

export const selectUnitCount = (s: PictureState): number => Object.keys(s.picture.units).length;

export const selectOpenIncidentCount = (s: PictureState): number => {
  let n = 0;
  for (const incident of Object.values(s.picture.incidents)) if (incident.state !== 'abgeschlossen') n++;
  return n;
};

export const selectSeq = (s: PictureState): number => s.picture.seq;

export type FleetCounts = Record<FmsCategory, number> & { total: number };

/** Units per FMS category (available = 1 and 2, committed = 3 and 4, request = 5, …). */
export function fleetCounts(units: Iterable<Unit>): FleetCounts {
  const c: FleetCounts = {
    emergency: 0,
    available: 0,
    committed: 0,
    request: 0,
    unavailable: 0,
    custom: 0,
    total: 0,
  };
  for (const u of units) {
    c[FMS_INFO[u.status].category]++;
    c.total++;
  }
  return c;
}
