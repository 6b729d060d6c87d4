/** What a converter makes of a row, and the parts every kind of row shares. */
import { RowError, type Numbers, type Row } from './cells.ts';
import type { Draft } from './drafts.ts';
import type { Mapping } from './mapping.ts';

/** The row's events, or a note that it repeats an incident id already imported from another line. */
export type RowResult = { drafts: Draft[] } | { duplicateOf: number; id: string };

export interface Converter {
  /** Throws RowError for a row that cannot be imported. */
  row(row: Row): RowResult;
  /** Events that depend on all rows (unit registrations, releases), after the last row. */
  finish(): Draft[];
  stats(): { incidents: number; units: number; positions: number };
}

export function readLocation(row: Row, m: Mapping, numbers: Numbers): { lat: number; lon: number } {
  const lat = numbers.required(row, m.location.lat, -90, 90);
  const lon = numbers.required(row, m.location.lon, -180, 180);
  if (m.location.rejectZero && lat === 0 && lon === 0)
    throw new RowError(`${m.location.lat}/${m.location.lon} 0,0 stands for "no location"`);
  return { lat, lon };
}
