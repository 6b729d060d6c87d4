/** The basemap the server is configured with, as the dashboard found it at start or after a change. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BasemapSummary } from './summary.ts';

export interface BasemapState {
  summary: BasemapSummary | null;
  /** The theme whose basemap style is on the map, or null while the built-in map shows. */
  appliedTheme: 'dark' | 'light' | null;
  /** Style switches done (tests read it to wait for one). */
  switches: number;
  error: string | null;
  /** Bumped when the basemap settings were changed: every map fetches the summary and style again. */
  revision: number;
}

export const basemapStore = createStore<BasemapState>()(() => ({
  summary: null,
  appliedTheme: null,
  switches: 0,
  error: null,
  revision: 0,
}));

/** The settings were saved: forget the summary, and every map with a ConfiguredBasemap reloads it. */
export function reloadBasemap(): void {
  basemapStore.setState((s) => ({ summary: null, error: null, revision: s.revision + 1 }));
}

export const useBasemap = <T>(select: (s: BasemapState) => T): T => useStore(basemapStore, select);
