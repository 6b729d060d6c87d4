import type { Map as MaplibreMap } from 'maplibre-gl';
import { pictureStore } from '../stores/pictureStore.ts';
import { boundsOf, type Bounds } from './features.ts';

/** Frames the bounds with room for the toolbar. */
export function fitBounds(map: MaplibreMap, b: Bounds, animate = true): void {
  map.fitBounds(b, {
    padding: { top: 80, bottom: 40, left: 40, right: 40 },
    maxZoom: 15,
    duration: animate ? 600 : 0,
  });
}

/** The bounds of every positioned unit and open incident of the picture, null when there are none. */
export function pictureBounds(): Bounds | null {
  const { units, incidents } = pictureStore.getState().picture;
  return boundsOf(Object.values(units), Object.values(incidents));
}

/** Fits the view to every positioned unit and open incident; false when there is nothing to fit. */
export function fitAll(map: MaplibreMap, animate = true): boolean {
  const b = pictureBounds();
  if (!b) return false;
  fitBounds(map, b, animate);
  return true;
}
