/** Small spherical geometry helpers; distances in metres, angles in degrees. */

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Initial bearing from point 1 to point 2, 0-360 clockwise from north. */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const y = Math.sin((lon2 - lon1) * RAD) * Math.cos(lat2 * RAD);
  const x =
    Math.cos(lat1 * RAD) * Math.sin(lat2 * RAD) -
    Math.sin(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.cos((lon2 - lon1) * RAD);
  const deg = Math.atan2(y, x) / RAD;
  return (deg + 360) % 360;
}

/** Moves a point by metres north and east (good enough for the few kilometres of a city). */
export function offsetM(
  lat: number,
  lon: number,
  northM: number,
  eastM: number,
): { lat: number; lon: number } {
  return {
    lat: lat + northM / (EARTH_RADIUS_M * RAD),
    lon: lon + eastM / (EARTH_RADIUS_M * RAD * Math.cos(lat * RAD)),
  };
}

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
