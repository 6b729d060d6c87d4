/**
 * When the wall's map moves on its own. Every camera change costs a wall dearly: at a new zoom the
 * worker re-tiles the basemap and re-places every label before the units' own tiles get their turn,
 * and each frame of a 3840×2160 canvas is four desk frames. Measured on a first start (2 cores,
 * software WebGL), a fit every 3 s while the picture settled (zoom 11.7 → 10.5 → 10.8) kept the
 * units from being drawn for 6-7 s after the picture arrived, the dashboard 2-3 s. So the wall
 * settles like the dashboard (settlingFit.ts: the first fit once the fleet has reported, then only
 * when the picture leaves the view), and later moves only when the picture no longer fits or
 * could be shown clearly larger.
 */
import { inside } from '../map/settlingFit.ts';
import type { Bounds } from '../map/features.ts';

/** A later fit that would zoom in by less than this is not worth a re-tiled, re-placed wall. */
export const ZOOM_IN_STEP = 0.5;

export interface WallCamera {
  /** What the map shows now. */
  view: Bounds;
  zoom: number;
}

/**
 * Whether the periodic refit should move the wall: the picture (`bounds`) left the view, or a fit
 * (`fitZoom`, the zoom that frames it; undefined: no camera frames it) would zoom in by
 * ZOOM_IN_STEP or more because units drew together.
 */
export function wallNeedsRefit(now: WallCamera, bounds: Bounds, fitZoom: number | undefined): boolean {
  if (!inside(bounds, now.view)) return true;
  return fitZoom !== undefined && fitZoom - now.zoom >= ZOOM_IN_STEP;
}
