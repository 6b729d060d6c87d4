/** The basemap the server is configured with, as the dashboard found it at start. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BasemapSummary } from '../map/configuredBasemap.ts';

export interface BasemapState {
  summary: BasemapSummary | null;
  /** The theme whose basemap style is on the map, or null while the built-in map shows. */
  appliedTheme: 'dark' | 'light' | null;
  /** Style switches done (tests read it to wait for one). */
  switches: number;
  error: string | null;
}

export const basemapStore = createStore<BasemapState>()(() => ({
  summary: null,
  appliedTheme: null,
  switches: 0,
  error: null,
}));

export const useBasemap = <T>(select: (s: BasemapState) => T): T => useStore(basemapStore, select);
