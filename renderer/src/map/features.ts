/**
 * Pure conversion of the picture into GeoJSON features for the map sources. Feature ids are the
 * entity ids (also in properties.id, the source's promoteId), so sources can be patched by diff.
 */
import type { Incident, Unit } from '#shared/domain';
import { isStale } from '#shared/picture';
import type { Language } from '../stores/settingsStore.ts';
import { formatDuration, translate } from '../i18n/i18n.ts';
import { iconName, incidentIconName, unitShape } from './icons.ts';
import type { TrailPoint } from '../stores/trails.ts';

export interface UnitProps {
  id: string;
  callsign: string;
  status: number;
  kind: string;
  icon: string;
  /** Degrees clockwise from north; 0 when unknown (the icon then has no direction). */
  heading: number;
  stale: boolean;
  /** Second label line: kind, and for stale units the age of the last fix. */
  sub: string;
  /** Where it is drawn among units at the same spot (unitSpots.ts); 0 on the spot itself. */
  slot: number;
}

export type UnitFeature = GeoJSON.Feature<GeoJSON.Point, UnitProps>;

export function unitProps(unit: Unit, now: number, staleAfterMs: number, lang: Language): UnitProps {
  const stale = isStale(unit, now, staleAfterMs);
  const heading = unit.position?.heading;
  const kind = translate(lang, `kindShort.${unit.kind}`);
  const age = unit.position ? formatDuration(lang, now - unit.position.time) : '';
  return {
    id: unit.id,
    callsign: unit.callsign,
    status: unit.status,
    kind: unit.kind,
    icon: iconName(unitShape(unit.kind, heading !== undefined), unit.status),
    heading: heading ?? 0,
    stale,
    sub: stale && age ? `${kind} · ${age}` : kind,
    slot: 0,
  };
}

/** The unit's map feature, or null while it has no position. */
export function unitFeature(
  unit: Unit,
  now: number,
  staleAfterMs: number,
  lang: Language,
): UnitFeature | null {
  if (!unit.position) return null;
  return {
    type: 'Feature',
    id: unit.id,
    geometry: { type: 'Point', coordinates: [unit.position.lon, unit.position.lat] },
    properties: unitProps(unit, now, staleAfterMs, lang),
  };
}

export interface IncidentProps {
  id: string;
  number: string;
  priority: number;
  type: string;
  icon: string;
  short: string;
  /** The call type's readable name (tactical labels, tooltips). */
  name: string;
  unassigned: boolean;
}

export const isOpen = (incident: Incident): boolean => incident.state !== 'abgeschlossen';

/** Open incidents only: closed ones stay in the picture for the shift's KPIs, not on the map. */
export function incidentFeature(
  inc: Incident,
  lang: Language,
): GeoJSON.Feature<GeoJSON.Point, IncidentProps> | null {
  if (!isOpen(inc)) return null;
  return {
    type: 'Feature',
    id: inc.id,
    geometry: { type: 'Point', coordinates: [inc.location.lon, inc.location.lat] },
    properties: {
      id: inc.id,
      number: inc.number,
      priority: inc.priority,
      type: inc.type,
      icon: incidentIconName(inc.priority),
      short: translate(lang, `callTypeShort.${inc.type}`),
      name: translate(lang, `callType.${inc.type}`),
      unassigned: inc.units.length === 0,
    },
  };
}

export function trailFeature(
  unitId: string,
  points: readonly TrailPoint[],
): GeoJSON.Feature<GeoJSON.LineString> | null {
  if (points.length < 2) return null;
  return {
    type: 'Feature',
    id: unitId,
    geometry: { type: 'LineString', coordinates: points.map((p) => [p.lon, p.lat]) },
    properties: { id: unitId },
  };
}

export type Bounds = [west: number, south: number, east: number, north: number];

/** Bounds of every positioned unit and open incident, or null when there is nothing to show. */
export function boundsOf(units: Iterable<Unit>, incidents: Iterable<Incident>): Bounds | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const take = (lon: number, lat: number) => {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  for (const u of units) if (u.position) take(u.position.lon, u.position.lat);
  for (const i of incidents) if (isOpen(i)) take(i.location.lon, i.location.lat);
  return w === Infinity ? null : [w, s, e, n];
}
