/** Available units by straight-line distance to an incident: the assign picker's order. */
import { isAvailable, type LatLon, type Unit } from '#shared/domain';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), metres. */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Candidate {
  unit: Unit;
  distanceM: number;
}

/** Units in status 1 or 2 with a position, nearest first (ties by callsign). */
export function nearestAvailable(units: Iterable<Unit>, at: LatLon, limit = 50): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) {
    if (!isAvailable(unit.status) || !unit.position) continue;
    out.push({ unit, distanceM: distanceM(at, unit.position) });
  }
  out.sort((a, b) => a.distanceM - b.distanceM || a.unit.callsign.localeCompare(b.unit.callsign, 'de'));
  return out.slice(0, limit);
}
