/**
 * The wall layouts and the rules that pick one: the `?mode=wall&layout=<name>&cycle=<s>` parameters
 * and automatic cycling. Pure, so the registry and the cycle are tested without a browser.
 */
import type { MessageKey } from '../i18n/i18n.ts';

export const WALL_LAYOUTS = ['lage', 'status', 'einsaetze', 'heatmap'] as const;
export type WallLayoutId = (typeof WALL_LAYOUTS)[number];

export const WALL_LAYOUT_TITLES: Readonly<Record<WallLayoutId, MessageKey>> = {
  lage: 'wall.layout.lage',
  status: 'wall.layout.status',
  einsaetze: 'wall.layout.einsaetze',
  heatmap: 'wall.layout.heatmap',
};

/** Shorter cycles would not leave time to read a view from across the room. */
export const MIN_CYCLE_S = 10;
export const MAX_CYCLE_S = 3600;

export interface WallParams {
  /** The layout shown first (the default when the requested one is unknown). */
  layout: WallLayoutId;
  /** A requested layout name that is not in the registry, to say so on the wall. */
  unknownLayout: string | null;
  /** Seconds per view when cycling, or null. */
  cycleS: number | null;
  /** A `cycle` value that was not a whole number of seconds in range, to say so on the wall. */
  badCycle: string | null;
}

export const isWallLayout = (name: string): name is WallLayoutId =>
  (WALL_LAYOUTS as readonly string[]).includes(name);

export const isWallMode = (search: string): boolean => new URLSearchParams(search).get('mode') === 'wall';

export function parseWallParams(search: string): WallParams {
  const q = new URLSearchParams(search);
  const requested = q.get('layout');
  const layout = requested && isWallLayout(requested) ? requested : 'lage';
  const rawCycle = q.get('cycle');
  let cycleS: number | null = null;
  let badCycle: string | null = null;
  if (rawCycle !== null) {
    const n = /^\d+$/.test(rawCycle) ? Number(rawCycle) : NaN;
    if (n >= MIN_CYCLE_S && n <= MAX_CYCLE_S) cycleS = n;
    else badCycle = rawCycle;
  }
  return { layout, unknownLayout: requested && requested !== layout ? requested : null, cycleS, badCycle };
}

export interface CycleState {
  layout: WallLayoutId;
  /** 0..1 of the current view's time used, for the indicator. */
  progress: number;
  remainingMs: number;
}

/** Which view a cycling wall shows `elapsedMs` after it started on `first` (registry order, wrapping). */
export function cycleAt(first: WallLayoutId, cycleS: number, elapsedMs: number): CycleState {
  const period = cycleS * 1000;
  const t = Math.max(0, elapsedMs);
  const step = Math.floor(t / period);
  const start = WALL_LAYOUTS.indexOf(first);
  const layout = WALL_LAYOUTS[(start + step) % WALL_LAYOUTS.length] ?? first;
  const used = t - step * period;
  return { layout, progress: used / period, remainingMs: period - used };
}

export interface WallView {
  layout: WallLayoutId;
  /** The cycle indicator's facts, or null when not cycling (or paused for a focus). */
  cycle: (CycleState & { next: WallLayoutId }) | null;
}

/** What the wall shows now: the map while a "send to wall" focus lasts, else the cycle or the layout. */
export function currentView(params: WallParams, elapsedMs: number, focused: boolean): WallView {
  if (focused) return { layout: 'lage', cycle: null };
  if (!params.cycleS) return { layout: params.layout, cycle: null };
  const now = cycleAt(params.layout, params.cycleS, elapsedMs);
  const next = cycleAt(params.layout, params.cycleS, elapsedMs + params.cycleS * 1000).layout;
  return { layout: now.layout, cycle: { ...now, next } };
}
