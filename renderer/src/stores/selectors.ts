/** Derived views of the picture for panels. Pure functions of state, so they test without React. */
import type { Incident, Unit } from '#shared/domain';
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
