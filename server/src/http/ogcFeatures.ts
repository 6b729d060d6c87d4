/**
 * The picture as OGC API – Features collections: `units` and `incidents`, GeoJSON points in CRS84
 * with flat properties (what a GIS shows in its attribute table). The input is the picture as the
 * viewer may see it (redactPicture), so nothing here decides about personal data or districts.
 */
import { FMS_INFO, isOpenEmergency, type Incident, type Unit } from '#shared/domain';
import { isStale, type Picture } from '#shared/picture';
import { inBbox, overlaps, type ItemsQuery } from './ogcQuery.ts';

export const COLLECTIONS = {
  units: {
    title: 'Einsatzmittel / Units',
    description:
      'Einsatzmittel mit Rufname, FMS-Status und letzter Position / units with callsign, FMS status and last position (time: the position fix)',
  },
  incidents: {
    title: 'Einsätze / Incidents',
    description:
      'Einsätze der Lage (offen und bis 12 h nach Abschluss) / incidents of the picture, open and up to 12 h after closing (time: opened to closed)',
  },
} as const;
export type CollectionId = keyof typeof COLLECTIONS;

export const isCollectionId = (id: string): id is CollectionId => Object.hasOwn(COLLECTIONS, id);

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, string | number | boolean | null>;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const point = (lon: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as [number, number],
});

export function unitFeature(u: Unit, now: number, staleAfterMs: number): Feature {
  const p = u.position;
  return {
    type: 'Feature',
    id: u.id,
    geometry: p ? point(p.lon, p.lat) : null,
    properties: {
      callsign: u.callsign,
      kind: u.kind,
      district: u.district,
      status: u.status,
      statusText: FMS_INFO[u.status].de,
      statusSince: iso(u.statusSince),
      incidentId: u.incidentId ?? null,
      emergency: isOpenEmergency(u),
      stale: isStale(u, now, staleAfterMs),
      time: iso(p?.time),
      heading: p?.heading ?? null,
      speed: p?.speed ?? null,
      accuracy: p?.accuracy ?? null,
    },
  };
}

/** `caller…` and `description` are present only when the viewer's policy kept them. */
export function incidentFeature(i: Incident): Feature {
  return {
    type: 'Feature',
    id: i.id,
    geometry: point(i.location.lon, i.location.lat),
    properties: {
      number: i.number,
      type: i.type,
      priority: i.priority,
      state: i.state,
      address: i.address ?? null,
      district: i.district ?? null,
      opened: iso(i.times.opened),
      dispatched: iso(i.times.dispatched),
      firstOnScene: iso(i.times.firstOnScene),
      closed: iso(i.times.closed),
      units: i.units.join(','),
      ...(i.description !== undefined ? { description: i.description } : {}),
      ...(i.caller?.name !== undefined ? { callerName: i.caller.name } : {}),
      ...(i.caller?.phone !== undefined ? { callerPhone: i.caller.phone } : {}),
    },
  };
}

/** A feature to be: where and when it is, built only for the page that is sent. */
export interface Candidate {
  id: string;
  lon?: number;
  lat?: number;
  from?: number;
  to?: number;
  feature(): Feature;
}

/** Every feature of a collection the viewer sees, ordered by id (stable paging). */
export function candidates(
  picture: Picture,
  id: CollectionId,
  now: number,
  staleAfterMs: number,
): Candidate[] {
  if (id === 'units')
    return Object.keys(picture.units)
      .sort()
      .map((k) => {
        const u = picture.units[k]!;
        const p = u.position;
        return {
          id: k,
          ...(p ? { lon: p.lon, lat: p.lat, from: p.time, to: p.time } : {}),
          feature: () => unitFeature(u, now, staleAfterMs),
        };
      });
  return Object.keys(picture.incidents)
    .sort()
    .map((k) => {
      const i = picture.incidents[k]!;
      return {
        id: k,
        lon: i.location.lon,
        lat: i.location.lat,
        from: i.times.opened,
        to: i.times.closed ?? Infinity,
        feature: () => incidentFeature(i),
      };
    });
}

/** Features without a point never match a bbox, features without a time never match a datetime. */
export function matches(c: Candidate, q: Pick<ItemsQuery, 'bbox' | 'datetime'>): boolean {
  if (q.bbox && (c.lon === undefined || c.lat === undefined || !inBbox(q.bbox, c.lon, c.lat))) return false;
  if (q.datetime && (c.from === undefined || c.to === undefined || !overlaps(q.datetime, c.from, c.to)))
    return false;
  return true;
}

/** The extent of the points the viewer sees (the whole earth when none). */
export function extentOf(cs: readonly Candidate[]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of cs) {
    if (c.lon === undefined || c.lat === undefined) continue;
    w = Math.min(w, c.lon);
    e = Math.max(e, c.lon);
    s = Math.min(s, c.lat);
    n = Math.max(n, c.lat);
  }
  return Number.isFinite(w) ? [w, s, e, n] : [-180, -90, 180, 90];
}
