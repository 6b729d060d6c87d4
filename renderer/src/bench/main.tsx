/**
 * The map bench page (bench.html): the real map layers fed by a synthetic feed. bench/map.ts drives
 * it in Chromium through `window.__bench.run()`, which alternates phases with and without units
 * on one map while the camera pans, and reports the map's frame rate in each.
 */
import { createRoot } from 'react-dom/client';
import { MapView } from '../map/MapView.tsx';
import { BasemapLayer } from '../map/layers/BasemapLayer.tsx';
import { UnitsLayer } from '../map/layers/UnitsLayer.tsx';
import { IncidentsLayer } from '../map/layers/IncidentsLayer.tsx';
import { TrailsLayer } from '../map/layers/TrailsLayer.tsx';
import { settingsStore, type TrailMode } from '../stores/settingsStore.ts';
import { debugHook } from '../debug/debugHook.ts';
import { SyntheticFeed } from './syntheticFeed.ts';
import { runPhases, type BenchOptions, type BenchResult } from './phases.ts';
import { runReplayPhases, type ReplayBenchOptions, type ReplayBenchResult } from './replayPhases.ts';
import '../app.css';

const KOELN: [number, number] = [6.96, 50.94];

declare global {
  interface Window {
    __bench?: {
      run(options: BenchOptions): Promise<BenchResult>;
      replay(options: ReplayBenchOptions): Promise<ReplayBenchResult>;
      show(units: number): void;
      /** Trails of no, the selected or all units (the memory bench runs with all). */
      trails(mode: TrailMode): void;
    };
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('bench.html has no #root element');
createRoot(root).render(
  <div className="app theme-dark">
    <MapView start={{ center: KOELN, zoom: 12 }}>
      <BasemapLayer />
      <IncidentsLayer />
      <TrailsLayer />
      <UnitsLayer />
    </MapView>
  </div>,
);

const radius = Number(new URLSearchParams(location.search).get('radius') ?? '0.12');
const feed = new SyntheticFeed(KOELN, Number.isFinite(radius) && radius > 0 ? radius : 0.12);
window.__bench = {
  run: async (options) => {
    const map = debugHook().map;
    if (!map) throw new Error('bench: the map is not ready');
    return runPhases(map, feed, options);
  },
  replay: async (options) => {
    const map = debugHook().map;
    if (!map) throw new Error('bench: the map is not ready');
    return runReplayPhases(map, feed, options);
  },
  show: (units) => feed.start(units),
  trails: (mode) => settingsStore.getState().setTrails(mode),
};
