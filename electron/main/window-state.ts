/**
 * Restoring a window where the operator left it, but never off-screen: a saved position is checked
 * against the displays present now (a wall screen may have been unplugged, a laptop undocked) and
 * clamped into a work area. Pure, so every display arrangement can be tested without Electron.
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayArea {
  workArea: Rect;
}

const finite = z.number().finite();
const rectSchema = z.object({ x: finite, y: finite, width: finite.positive(), height: finite.positive() });

export const windowStateSchema = z.object({
  bounds: rectSchema,
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MIN_SIZE = { width: 800, height: 600 } as const;
/** How much of a saved window must still lie on a display to count as visible (enough to grab it). */
export const MIN_VISIBLE = { width: 120, height: 60 } as const;

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** Fits a size into an area: at least MIN_SIZE where the area allows, never larger than the area. */
function fitSize(width: number, height: number, area: Rect): { width: number; height: number } {
  return {
    width: Math.round(clamp(width, Math.min(MIN_SIZE.width, area.width), area.width)),
    height: Math.round(clamp(height, Math.min(MIN_SIZE.height, area.height), area.height)),
  };
}

function centered(size: { width: number; height: number }, area: Rect): Rect {
  return {
    ...size,
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
  };
}

/** The default: DEFAULT_SIZE (or less on a small screen), centred on the primary display. */
export function defaultWindowState(primary: DisplayArea): WindowState {
  const area = primary.workArea;
  return {
    bounds: centered(fitSize(DEFAULT_SIZE.width, DEFAULT_SIZE.height, area), area),
    maximized: false,
    fullScreen: false,
  };
}

/** The display a rectangle overlaps most, with the overlap, or null when it overlaps none. */
function bestDisplay(bounds: Rect, displays: readonly DisplayArea[]): DisplayArea | null {
  let best: DisplayArea | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const overlap = intersection(bounds, display.workArea);
    const visibleEnough = overlap.width >= MIN_VISIBLE.width && overlap.height >= MIN_VISIBLE.height;
    if (visibleEnough && overlap.width * overlap.height > bestArea) {
      best = display;
      bestArea = overlap.width * overlap.height;
    }
  }
  return best;
}

/**
 * The state to open a window with. Invalid or unknown input gives the default; a window no longer
 * visible enough on any display moves to the primary display, keeping its size where it fits;
 * otherwise it is clamped fully into the work area of the display it overlaps most.
 */
export function restoreWindowState(
  saved: unknown,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
): WindowState {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success) return defaultWindowState(primary);
  const { bounds, maximized, fullScreen } = parsed.data;
  const display = bestDisplay(bounds, displays);
  if (!display) {
    const area = primary.workArea;
    return { bounds: centered(fitSize(bounds.width, bounds.height, area), area), maximized, fullScreen };
  }
  const area = display.workArea;
  const size = fitSize(bounds.width, bounds.height, area);
  return {
    bounds: {
      ...size,
      x: Math.round(clamp(bounds.x, area.x, area.x + area.width - size.width)),
      y: Math.round(clamp(bounds.y, area.y, area.y + area.height - size.height)),
    },
    maximized,
    fullScreen,
  };
}
