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

/** Every feature of a collection the viewer sees, ordered by id (stable paging). */
export function allFeatures(
  picture: Picture,
  id: CollectionId,
  now: number,
  staleAfterMs: number,
): { feature: Feature; from?: number; to?: number }[] {
  const ids = Object.keys(id === 'units' ? picture.units : picture.incidents).sort();
  if (id === 'units')
    return ids.map((k) => {
      const u = picture.units[k]!;
      const t = u.position?.time;
      return { feature: unitFeature(u, now, staleAfterMs), ...(t !== undefined ? { from: t, to: t } : {}) };
    });
  return ids.map((k) => {
    const i = picture.incidents[k]!;
    return { feature: incidentFeature(i), from: i.times.opened, to: i.times.closed ?? Infinity };
  });
}

/** Features without a point never match a bbox, features without a time never match a datetime. */
export function matches(
  f: { feature: Feature; from?: number; to?: number },
  q: Pick<ItemsQuery, 'bbox' | 'datetime'>,
): boolean {
  if (q.bbox) {
    const c = f.feature.geometry?.coordinates;
    if (!c || !inBbox(q.bbox, c[0], c[1])) return false;
  }
  if (q.datetime) {
    if (f.from === undefined || f.to === undefined || !overlaps(q.datetime, f.from, f.to)) return false;
  }
  return true;
}

/** The extent of the points the viewer sees (the whole earth when none). */
export function extentOf(features: readonly Feature[]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const c = f.geometry?.coordinates;
    if (!c) continue;
    w = Math.min(w, c[0]);
    e = Math.max(e, c[0]);
    s = Math.min(s, c[1]);
    n = Math.max(n, c[1]);
  }
  return Number.isFinite(w) ? [w, s, e, n] : [-180, -90, 180, 90];
}
