/**
 * What the heatmap shows (on/off, mode, time window preset or custom window, call types) and the
 * last answer from the server. The HeatmapLayer fetches; the panel edits the choice and reads the
 * answer for its legend.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CallType } from '#shared/domain';
import type { HeatmapData, HeatmapMode } from './api.ts';
import type { CompareBase, TimeWindow, WindowPreset } from './windows.ts';

export interface HeatmapChoice {
  enabled: boolean;
  mode: HeatmapMode;
  preset: WindowPreset;
  custom: TimeWindow | null;
  /** Empty: every call type. */
  types: readonly CallType[];
  /** H3 resolution of the hexagons (server accepts 5-10). */
  res: number;
  /** Compare mode: what the window is compared with. */
  compareBase: CompareBase;
}

export interface HeatmapState extends HeatmapChoice {
  /** Compare mode: one map of the difference, or the two periods side by side (no refetch). */
  compareView: 'difference' | 'sideBySide';
  data: HeatmapData | null;
  loading: boolean;
  error: string | null;
  /** Fetches so far (tests and the panel's "updated" line). */
  fetches: number;
  fetchedAt: number | null;
  set(patch: Partial<HeatmapChoice> & { compareView?: HeatmapState['compareView'] }): void;
  toggleType(type: CallType): void;
  loaded(data: HeatmapData, at: number): void;
  failed(error: string): void;
  started(): void;
}

export const heatmapStore = createStore<HeatmapState>()((set, get) => ({
  enabled: false,
  mode: 'heat',
  preset: 'day',
  custom: null,
  types: [],
  res: 8,
  compareBase: 'week',
  compareView: 'difference',
  data: null,
  loading: false,
  error: null,
  fetches: 0,
  fetchedAt: null,
  set: (patch) => set(patch),
  toggleType: (type) => {
    const types = get().types;
    set({ types: types.includes(type) ? types.filter((x) => x !== type) : [...types, type] });
  },
  started: () => set({ loading: true }),
  loaded: (data, at) => set({ data, loading: false, error: null, fetches: get().fetches + 1, fetchedAt: at }),
  failed: (error) => set({ loading: false, error }),
}));

export const useHeatmap = <T>(select: (s: HeatmapState) => T): T => useStore(heatmapStore, select);
