/** The server query for the operator's heatmap choice at `now` (compare: against the chosen base period). */
import type { HeatmapChoice } from './heatmapStore.ts';
import type { HeatmapQuery } from './api.ts';
import { baseWindow, resolveWindow } from './windows.ts';

export function queryFor(choice: HeatmapChoice, now: number): HeatmapQuery {
  const window = resolveWindow(choice.preset, now, choice.custom ?? undefined);
  const base = choice.mode === 'compare' ? { base: baseWindow(window, choice.compareBase) } : {};
  return { mode: choice.mode, window, types: choice.types, res: choice.res, ...base };
}

/** Windows that end "now" slide with live data; a custom window or a finished shift stands still. */
export const slides = (choice: HeatmapChoice): boolean => choice.preset !== 'custom';
