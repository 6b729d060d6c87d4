/**
 * The server query for the operator's heatmap choice at `now` (compare: against the chosen base
 * period). `zone`: the data's zone (stores/timeZoneStore.ts dataZone), in which shifts and "a week
 * earlier" are counted: an imported Seattle dataset's night shift is Seattle's.
 */
import type { HeatmapChoice } from './heatmapStore.ts';
import type { HeatmapQuery } from './api.ts';
import { baseWindow, resolveWindow } from './windows.ts';

export function queryFor(choice: HeatmapChoice, now: number, zone?: string): HeatmapQuery {
  const window = resolveWindow(choice.preset, now, choice.custom ?? undefined, zone);
  const base = choice.mode === 'compare' ? { base: baseWindow(window, choice.compareBase, zone) } : {};
  return { mode: choice.mode, window, types: choice.types, res: choice.res, ...base };
}

/** Windows that end "now" slide with live data; a custom window or a finished shift stands still. */
export const slides = (choice: HeatmapChoice): boolean => choice.preset !== 'custom';
