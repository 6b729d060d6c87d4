/**
 * A map opens on the region of the configured basemap (the demo region Köln, or the archive a centre
 * built for its own area) instead of the whole state, before the first picture arrives: the first
 * seconds show the streets where the units will appear, not an empty overview. Only a map that
 * still shows the view it was created with moves: a fit to the picture, a chosen start view or the
 * operator's own move always wins.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Bounds } from './features.ts';

interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

type CameraMap = Pick<MaplibreMap, 'getCenter' | 'getZoom' | 'fitBounds'>;

const untouched = new WeakMap<object, Camera>();

const cameraOf = (map: CameraMap): Camera => {
  const c = map.getCenter();
  return { lng: c.lng, lat: c.lat, zoom: map.getZoom() };
};

/** The map was created on the default view (no start view asked for): it may open on the region. */
export function rememberDefaultView(map: CameraMap): void {
  untouched.set(map, cameraOf(map));
}

/** Whole-world or inverted boxes are no region (an archive of everything keeps the default view). */
export function isRegion(b: readonly number[] | null | undefined): b is Bounds {
  if (!b || b.length !== 4 || !b.every(Number.isFinite)) return false;
  const [w, s, e, n] = b as Bounds;
  return w < e && s < n && w >= -180 && e <= 180 && s >= -85.1 && n <= 85.1 && e - w < 90 && n - s < 60;
}

/** Frames the region when the map still shows its default view; true when it moved. */
export function openOnRegion(map: CameraMap, bounds: readonly number[] | null | undefined): boolean {
  const start = untouched.get(map);
  untouched.delete(map);
  if (!start || !isRegion(bounds)) return false;
  const now = cameraOf(map);
  if (Math.abs(now.lng - start.lng) > 1e-9 || Math.abs(now.lat - start.lat) > 1e-9 || now.zoom !== start.zoom)
    return false;
  map.fitBounds(bounds, { padding: 20, duration: 0 });
  return true;
}
