/**
 * How much a wall enlarges map labels and symbols so they can be read from across the room.
 *
 * Legibility is an angle: a character should subtend at least 16 arc minutes (the lower bound
 * ISO 9241-303 gives for legible text; 20-22 is comfortable). At 4 m that is a capital 18.6 mm
 * high, a 26 mm font (Noto Sans capitals are 0.714 of the font size). Browsers size text in CSS
 * pixels, so the font in CSS pixels follows from the screen's physical width and its width in
 * device pixels (CSS width × devicePixelRatio): a 3840×2160 wall of the usual 86" (1.9 m wide) at
 * pixel ratio 1 needs 53 px labels, the same wall run at ratio 2 (1920 CSS px) 26 px.
 */
import type { MapScale } from '../map/symbolSet.ts';

export interface WallGeometry {
  /** window.innerWidth */
  cssWidth: number;
  devicePixelRatio: number;
  /** Physical width of the picture; default an 86" 16:9 display. */
  screenWidthMm?: number;
  /** Distance of the farthest reader; default 4 m. */
  viewingDistanceMm?: number;
}

const BASE_LABEL_PX = 12;
const MIN_ARC_MINUTES = 16;
const CAP_HEIGHT = 0.714;
export const DEFAULT_WALL_WIDTH_MM = 1900;

/** The font size in mm that reads at the given distance. */
export function legibleFontMm(distanceMm: number): number {
  return (distanceMm * Math.tan(((MIN_ARC_MINUTES / 60) * Math.PI) / 180)) / CAP_HEIGHT;
}

export function wallScale(g: WallGeometry): MapScale {
  const devicePx = g.cssWidth * g.devicePixelRatio;
  const mmPerDevicePx = (g.screenWidthMm ?? DEFAULT_WALL_WIDTH_MM) / devicePx;
  const fontCssPx = legibleFontMm(g.viewingDistanceMm ?? 4000) / mmPerDevicePx / g.devicePixelRatio;
  // Never smaller than a desk dashboard; capped so a tiny test window does not explode the labels.
  const text = Math.min(6, Math.max(1.4, fontCssPx / BASE_LABEL_PX));
  return { text: round(text), icon: round(Math.min(4, Math.max(1, text * 0.8))) };
}

const round = (x: number) => Math.round(x * 100) / 100;

const DESK_WIDTH_CSS_PX = 1920;

/**
 * The wall map's canvas scale (MapView): 1 up to a desk screen's width, 2 from twice that (a
 * 3840×2160 wall at ratio 1), 4 from four times: the map loads as many tiles as a desk screen.
 */
export function wallCanvasScale(cssWidth: number): number {
  const doublings = Math.floor(Math.log2(Math.max(1, cssWidth) / DESK_WIDTH_CSS_PX));
  return 2 ** Math.min(2, Math.max(0, doublings));
}
