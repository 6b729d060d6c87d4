/**
 * `window.__lagebild`: a read-only window into the live app for Playwright journeys and the bench
 * (the map instance, the stores). It exposes nothing the page does not already hold.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { pictureStore } from '../stores/pictureStore.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';

export interface DebugHook {
  map?: MaplibreMap;
  stores: {
    picture: typeof pictureStore;
    connection: typeof connectionStore;
    selection: typeof selectionStore;
    settings: typeof settingsStore;
    /** The attached picture source: live or replay, capabilities, seek counter. */
    source: typeof sourceStore;
  };
  /** Number of GeoJSON source updates the units layer made (for the bench and tests). */
  unitUpdates: number;
  /** Units changed in the last update. */
  lastUpdateSize: number;
  /** Sum of the times from handing an update to MapLibre until its worker finished it. */
  updateMsTotal: number;
  /** The two maps of the side-by-side heatmap comparison while it is open. */
  compareMaps?: Partial<Record<'a' | 'b', MaplibreMap>>;
}

declare global {
  interface Window {
    __lagebild?: DebugHook;
  }
}

export function debugHook(): DebugHook {
  window.__lagebild ??= {
    stores: {
      picture: pictureStore,
      connection: connectionStore,
      selection: selectionStore,
      settings: settingsStore,
      source: sourceStore,
    },
    unitUpdates: 0,
    lastUpdateSize: 0,
    updateMsTotal: 0,
  };
  return window.__lagebild;
}

export function exposeDebug(patch: Partial<DebugHook>): void {
  Object.assign(debugHook(), patch);
}
