/**
 * The heatmap routes of the Lage server (`/api/v1/heatmap`, `/api/v1/heatmap/compare`). Aggregation
 * happens there; the renderer only draws the answer, which is checked here before it reaches the map.
 */
import { z } from 'zod';
import type { CallType } from '#shared/domain';
import type { TimeWindow } from './windows.ts';
import { sourceStore } from '../stores/sourceStore.ts';

const lonLat = z.tuple([z.number(), z.number()]);
const cell = { h3: z.string(), center: lonLat, boundary: z.array(lonLat) };

export const heatAnswer = z.object({
  total: z.number().int(),
  points: z.array(z.tuple([z.number(), z.number(), z.number()])),
});
export const hexAnswer = z.object({
  total: z.number().int(),
  res: z.number().int(),
  cells: z.array(z.object({ ...cell, count: z.number().int() })),
});
export const compareAnswer = z.object({
  totals: z.object({ a: z.number().int(), b: z.number().int() }),
  res: z.number().int(),
  cells: z.array(z.object({ ...cell, a: z.number().int(), b: z.number().int(), diff: z.number().int() })),
});

export type HeatAnswer = z.infer<typeof heatAnswer>;
export type HexAnswer = z.infer<typeof hexAnswer>;
export type CompareAnswer = z.infer<typeof compareAnswer>;
export type HeatmapMode = 'heat' | 'hex' | 'compare';

export type HeatmapData =
  | { mode: 'heat'; window: TimeWindow; answer: HeatAnswer }
  | { mode: 'hex'; window: TimeWindow; answer: HexAnswer }
  | { mode: 'compare'; window: TimeWindow; base: TimeWindow; answer: CompareAnswer };

export interface HeatmapQuery {
  mode: HeatmapMode;
  window: TimeWindow;
  /** Only for compare. */
  base?: TimeWindow;
  types: readonly CallType[];
  res: number;
}

export function heatmapUrl(q: HeatmapQuery): string {
  const p = new URLSearchParams({ from: String(q.window.from), to: String(q.window.to) });
  if (q.types.length) p.set('types', q.types.join(','));
  if (q.mode === 'compare') {
    if (!q.base) throw new Error('heatmap compare needs a base window');
    p.set('baseFrom', String(q.base.from));
    p.set('baseTo', String(q.base.to));
    p.set('res', String(q.res));
    return `/api/v1/heatmap/compare?${p}`;
  }
  p.set('mode', q.mode);
  if (q.mode === 'hex') p.set('res', String(q.res));
  return `/api/v1/heatmap?${p}`;
}

/** In the replay of an imported dataset the heatmap counts that dataset's incidents, not the live log's. */
function withReplayDataset(url: string): string {
  const { kind, reads } = sourceStore.getState();
  return kind === 'replay' && reads.dataset ? `${url}&dataset=${encodeURIComponent(reads.dataset)}` : url;
}

export async function fetchHeatmap(q: HeatmapQuery, signal?: AbortSignal): Promise<HeatmapData> {
  const res = await fetch(withReplayDataset(heatmapUrl(q)), { signal });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && typeof body === 'object' && 'error' in body ? String(body.error) : res.statusText;
    throw new Error(`heatmap ${res.status}: ${msg}`);
  }
  if (q.mode === 'heat') return { mode: 'heat', window: q.window, answer: heatAnswer.parse(body) };
  if (q.mode === 'hex') return { mode: 'hex', window: q.window, answer: hexAnswer.parse(body) };
  return { mode: 'compare', window: q.window, base: q.base ?? q.window, answer: compareAnswer.parse(body) };
}
