/**
 * Which wall layout goes on which display, and where the workstation window stays. Pure: the
 * displays and the saved settings go in, a plan comes out, so every arrangement (a display
 * unplugged, re-plugged under a new id, two identical monitors) is tested without Electron.
 *
 * A saved entry remembers the display's id, label and bounds. Ids are not stable across re-plugs
 * or reboots on every platform, so an entry falls back to the display with the same label and
 * bounds, then the same id, then the same bounds, then the only display with that label.
 */
import type { Rect } from './window-state.ts';

export interface DisplayDesc {
  id: number;
  label: string;
  bounds: Rect;
  workArea: Rect;
  primary: boolean;
}

/** What a settings entry remembers of a display. */
export interface DisplayRef {
  displayId: number;
  label: string;
  bounds: Rect;
}

export interface WallEntry extends DisplayRef {
  layout: string;
  /** Seconds per view when the wall cycles through the layouts; absent/null: no cycling. */
  cycle?: number | null;
}

export interface WallSettings {
  walls: WallEntry[];
  /** The workstation's display; null = the primary display. */
  workstation: DisplayRef | null;
}

export interface WallPlacement {
  displayId: number;
  layout: string;
  bounds: Rect;
  cycle?: number | null;
}

export interface WallPlan {
  walls: WallPlacement[];
  workstationDisplayId: number | null;
  /** Entries with no display now; kept in the settings for when it returns. */
  missing: WallEntry[];
}

const sameRect = (a: Rect, b: Rect): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

type Matcher = (ref: DisplayRef, display: DisplayDesc, free: readonly DisplayDesc[]) => boolean;

const MATCHERS: Matcher[] = [
  (r, d) => r.displayId === d.id && r.label === d.label,
  (r, d) => r.label !== '' && r.label === d.label && sameRect(r.bounds, d.bounds),
  (r, d) => r.displayId === d.id,
  (r, d) => sameRect(r.bounds, d.bounds),
  (r, d, free) =>
    r.label !== '' && r.label === d.label && free.filter((f) => f.label === r.label).length === 1,
];

/**
 * Matches references to displays, strongest rule first over all references, so a weak fallback
 * for one entry can never take the display another entry matches exactly. Each display once.
 */
export function matchDisplays(
  refs: readonly DisplayRef[],
  displays: readonly DisplayDesc[],
): (DisplayDesc | null)[] {
  const result: (DisplayDesc | null)[] = refs.map(() => null);
  const taken = new Set<number>();
  for (const matches of MATCHERS) {
    refs.forEach((ref, i) => {
      if (result[i]) return;
      const free = displays.filter((d) => !taken.has(d.id));
      const found = free.find((d) => matches(ref, d, free));
      if (found) {
        result[i] = found;
        taken.add(found.id);
      }
    });
  }
  return result;
}

function primaryOf(displays: readonly DisplayDesc[]): DisplayDesc | null {
  return displays.find((d) => d.primary) ?? displays[0] ?? null;
}

/**
 * The plan: one wall per matched entry (a display shows at most one wall); the workstation on its
 * configured display or the primary one, but never behind a wall while a display without one exists.
 */
export function planWalls(displays: readonly DisplayDesc[], settings: WallSettings): WallPlan {
  const matched = matchDisplays(settings.walls, displays);
  const walls: WallPlacement[] = [];
  const missing: WallEntry[] = [];
  settings.walls.forEach((entry, i) => {
    const display = matched[i];
    const cycle = entry.cycle ? { cycle: entry.cycle } : {};
    if (display)
      walls.push({ displayId: display.id, layout: entry.layout, bounds: display.bounds, ...cycle });
    else missing.push(entry);
  });
  const configured = settings.workstation ? matchDisplays([settings.workstation], displays)[0] : null;
  const preferred = configured ?? primaryOf(displays);
  const hasWall = (d: DisplayDesc): boolean => walls.some((w) => w.displayId === d.id);
  let workstation = preferred;
  if (preferred && hasWall(preferred)) {
    const free = displays.filter((d) => !hasWall(d));
    workstation = free.find((d) => d.primary) ?? free[0] ?? preferred;
  }
  return { walls, workstationDisplayId: workstation?.id ?? null, missing };
}

/**
 * The settings with each matched entry updated to its display's current id, label and bounds, so
 * the next start matches exactly; the same object when nothing changed (no needless write).
 */
export function rememberMatches(settings: WallSettings, displays: readonly DisplayDesc[]): WallSettings {
  const refs: DisplayRef[] = [...settings.walls, ...(settings.workstation ? [settings.workstation] : [])];
  const matched = matchDisplays(refs, displays);
  let changed = false;
  const update = <T extends DisplayRef>(ref: T, i: number): T => {
    const d = matched[i];
    if (!d || (d.id === ref.displayId && d.label === ref.label && sameRect(d.bounds, ref.bounds))) return ref;
    changed = true;
    return { ...ref, displayId: d.id, label: d.label, bounds: d.bounds };
  };
  const walls = settings.walls.map(update);
  const workstation = settings.workstation ? update(settings.workstation, walls.length) : null;
  return changed ? { walls, workstation } : settings;
}

/**
 * Assigns a layout (optionally cycling every `cycle` seconds) to a connected display, replacing
 * what it showed; unknown displays are an error.
 */
export function assignWall(
  settings: WallSettings,
  displays: readonly DisplayDesc[],
  displayId: number,
  layout: string,
  cycle: number | null = null,
): WallSettings {
  const display = displays.find((d) => d.id === displayId);
  if (!display) throw new Error(`walls: no display with id ${displayId} is connected`);
  const others = settings.walls.filter((e) => e.displayId !== displayId);
  const entry: WallEntry = {
    displayId,
    label: display.label,
    bounds: display.bounds,
    layout,
    ...(cycle ? { cycle } : {}),
  };
  return { ...settings, walls: [...others, entry] };
}

/** Keeps the workstation on a connected display, or (null) on the primary display. */
export function setWorkstation(
  settings: WallSettings,
  displays: readonly DisplayDesc[],
  displayId: number | null,
): WallSettings {
  if (displayId === null) return { ...settings, workstation: null };
  const display = displays.find((d) => d.id === displayId);
  if (!display) throw new Error(`walls: no display with id ${displayId} is connected`);
  return { ...settings, workstation: { displayId, label: display.label, bounds: display.bounds } };
}

/** Forgets the display's assignment (connected or missing); unknown ids are an error. */
export function clearWall(settings: WallSettings, displayId: number): WallSettings {
  const walls = settings.walls.filter((e) => e.displayId !== displayId);
  if (walls.length === settings.walls.length) throw new Error(`walls: display ${displayId} has no wall`);
  return { ...settings, walls };
}

/**
 * The display the workstation window must move to, or null to leave it where the operator put it:
 * it moves when its display now shows a wall (or is gone), or when a workstation display is
 * configured and the window is elsewhere.
 */
export function workstationMove(
  currentDisplayId: number | null,
  plan: WallPlan,
  settings: WallSettings,
): number | null {
  const target = plan.workstationDisplayId;
  if (target === null || currentDisplayId === target) return null;
  const onWall = plan.walls.some((w) => w.displayId === currentDisplayId);
  return onWall || currentDisplayId === null || settings.workstation ? target : null;
}
