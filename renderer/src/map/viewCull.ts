/**
 * Which part of the picture the units source holds. Zoomed in (every unit drawn as a symbol), the
 * source only holds the units in and around the view: MapLibre re-tiles and re-places the whole
 * source on every update, so 10,000 units in a state cost that much per second even when the city
 * view shows a hundred of them. Zoomed out, clusters count every unit, so the source holds all.
 *
 * The box around the view reaches one view's width and height beyond each edge, so panning by less
 * than a screen never shows a gap; it is moved when the view leaves it, and shrunk after zooming in.
 */

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** How far the box reaches beyond each edge of the view, in view widths/heights. */
export const CULL_MARGIN = 1;
/** A box more than this many times the size a fresh one would have is replaced by the fresh one. */
const MAX_OVERSIZE = 4;

export function expandBox(b: Box, margin: number): Box {
  const dx = (b.east - b.west) * margin;
  const dy = (b.north - b.south) * margin;
  return {
    west: b.west - dx,
    south: Math.max(-90, b.south - dy),
    east: b.east + dx,
    north: Math.min(90, b.north + dy),
  };
}

export function containsBox(outer: Box, inner: Box): boolean {
  return (
    outer.west <= inner.west &&
    outer.east >= inner.east &&
    outer.south <= inner.south &&
    outer.north >= inner.north
  );
}

export function inBox(b: Box, lon: number, lat: number): boolean {
  return lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;
}

const area = (b: Box) => (b.east - b.west) * (b.north - b.south);

/** The box the source should hold for this view and zoom; null: every unit (clustered zooms). */
export function cullBox(view: Box, zoom: number, fromZoom: number): Box | null {
  return zoom < fromZoom ? null : expandBox(view, CULL_MARGIN);
}

/**
 * The new box when the current one (`current`, null = every unit) no longer fits the view, else
 * `undefined` (keep the current one, so small pans and zooms cost nothing).
 */
export function nextCull(
  current: Box | null,
  view: Box,
  zoom: number,
  fromZoom: number,
): Box | null | undefined {
  const wanted = cullBox(view, zoom, fromZoom);
  if (!wanted) return current === null ? undefined : null;
  if (!current || !containsBox(current, view) || area(current) > MAX_OVERSIZE * area(wanted)) return wanted;
  return undefined;
}
