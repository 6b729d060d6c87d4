/** Short trails (the last minutes) of the selected unit or of all units, as the settings say. */
import { useEffect } from 'react';
import type { GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import { addOrderedLayer, removeLayersAndSource, useMap } from '../mapContext.ts';
import { THEME } from '../../theme/colors.ts';
import { trailFeature } from '../features.ts';
import { trails } from '../../stores/trails.ts';
import { settingsStore } from '../../stores/settingsStore.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { pictureStore } from '../../stores/pictureStore.ts';

export const TRAILS_SOURCE = 'trails';
/** Trails move slowly (a point per 10 s): a refresh a second is plenty and keeps the hot path free. */
const REFRESH_MS = 1_000;

const trailOf = (id: string) => trailFeature(id, trails.get(id));

/** The whole trail set for the current mode (after a mode, selection or picture change). */
function collect(): GeoJSON.Feature[] {
  const mode = settingsStore.getState().trails;
  if (mode === 'off') return [];
  if (mode === 'all') return [...trails.unitIds()].flatMap((id) => trailOf(id) ?? []);
  const sel = selectionStore.getState().selected;
  return sel?.kind === 'unit' ? [trailOf(sel.id)].flatMap((f) => f ?? []) : [];
}

/** Only the trails that changed; null when the source needs nothing. */
function changed(dirty: ReadonlySet<string>): GeoJSONSourceDiff | null {
  const mode = settingsStore.getState().trails;
  const sel = selectionStore.getState().selected;
  const ids =
    mode === 'all'
      ? [...dirty]
      : mode === 'selected' && sel?.kind === 'unit' && dirty.has(sel.id)
        ? [sel.id]
        : [];
  if (!ids.length) return null;
  const add: GeoJSON.Feature[] = [];
  const remove: string[] = [];
  for (const id of ids) {
    const f = trailOf(id);
    if (f) add.push(f);
    else remove.push(id);
  }
  // Whole-feature adds replace by id (see unitDiff.ts for why not `update`).
  return { add, remove };
}

export function TrailsLayer() {
  const map = useMap();
  useEffect(() => {
    map.addSource(TRAILS_SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    });
    addOrderedLayer(map, {
      id: 'trails-line',
      type: 'line',
      source: TRAILS_SOURCE,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': THEME.trail, 'line-width': 2, 'line-opacity': 0.7 },
    });
    return () => removeLayersAndSource(map, ['trails-line'], TRAILS_SOURCE);
  }, [map]);

  useEffect(() => {
    const source = () => map.getSource<GeoJSONSource>(TRAILS_SOURCE);
    const refresh = () => {
      const diff = changed(trails.takeDirty());
      if (diff) void source()?.updateData(diff);
    };
    const force = () => {
      trails.takeDirty();
      void source()?.setData({ type: 'FeatureCollection', features: collect() });
    };
    const timer = setInterval(refresh, REFRESH_MS);
    const unsubs = [
      settingsStore.subscribe((s, p) => s.trails !== p.trails && force()),
      selectionStore.subscribe((s, p) => s.selected !== p.selected && force()),
      pictureStore.subscribe((s, p) => s.epoch !== p.epoch && force()),
    ];
    force();
    return () => {
      clearInterval(timer);
      for (const u of unsubs) u();
    };
  }, [map]);
  return null;
}
