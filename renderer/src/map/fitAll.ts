import type { Map as MaplibreMap } from 'maplibre-gl';
import { pictureStore } from '../stores/pictureStore.ts';
import { boundsOf } from './features.ts';

/** Fits the view to every positioned unit and open incident; false when there is nothing to fit. */
export function fitAll(map: MaplibreMap, animate = true): boolean {
  const { units, incidents } = pictureStore.getState().picture;
  const b = boundsOf(Object.values(units), Object.values(incidents));
  if (!b) return false;
  map.fitBounds(b, {
    padding: { top: 80, bottom: 40, left: 40, right: 40 },
    maxZoom: 15,
    duration: animate ? 600 : 0,
  });
  return true;
}
