import type { Map as MaplibreMap } from 'maplibre-gl';
import { pictureStore } from '../stores/pictureStore.ts';
import { boundsOf, type Bounds } from './features.ts';

/** Room for the toolbar around a fit; fits go no closer than street zoom. */
export const FIT_OPTIONS = { padding: { top: 80, bottom: 40, left: 40, right: 40 }, maxZoom: 15 } as const;

/** Frames the bounds with room for the toolbar. */
export function fitBounds(map: MaplibreMap, b: Bounds, animate = true): void {
  map.fitBounds(b, { ...FIT_OPTIONS, duration: animate ? 600 : 0 });
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

/** After this long with a picture, the first fit takes whatever units have positions. */
export const FIT_ANYWAY_MS = 5_000;

/**
 * Whether the first automatic fit should happen now: when at least half the units have a position,
 * when there are no units (the incidents alone), or, after FIT_ANYWAY_MS, when any unit has one.
 */
export function readyToFit(units: readonly { position?: unknown }[], sinceLoadedMs: number): boolean {
  if (units.length === 0) return true;
  const positioned = units.filter((u) => u.position !== undefined).length;
  return positioned * 2 >= units.length || (positioned > 0 && sinceLoadedMs >= FIT_ANYWAY_MS);
}
