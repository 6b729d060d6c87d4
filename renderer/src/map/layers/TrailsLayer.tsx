/** Short trails (the last minutes) of the selected unit or of all units, as the settings say. */
import { useEffect } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import { addOrderedLayer, removeLayersAndSource, useMap } from '../mapContext.ts';
import { THEME } from '../colors.ts';
import { trailFeature } from '../features.ts';
import { trails } from '../../stores/trails.ts';
import { settingsStore } from '../../stores/settingsStore.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { pictureStore } from '../../stores/pictureStore.ts';

export const TRAILS_SOURCE = 'trails';
/** Trails move slowly (a point per 10 s): a refresh a second is plenty and keeps the hot path free. */
const REFRESH_MS = 1_000;

function collect(): GeoJSON.Feature[] {
  const mode = settingsStore.getState().trails;
  if (mode === 'off') return [];
  if (mode === 'all') return [...trails.unitIds()].flatMap((id) => trailFeature(id, trails.get(id)) ?? []);
  const sel = selectionStore.getState().selected;
  if (sel?.kind !== 'unit') return [];
  return [trailFeature(sel.id, trails.get(sel.id))].flatMap((f) => f ?? []);
}

export function TrailsLayer() {
  const map = useMap();
  useEffect(() => {
    map.addSource(TRAILS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
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
    let version = -1;
    const refresh = () => {
      if (version === trails.version) return;
      version = trails.version;
      void map
        .getSource<GeoJSONSource>(TRAILS_SOURCE)
        ?.setData({ type: 'FeatureCollection', features: collect() });
    };
    const force = () => {
      version = -1;
      refresh();
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
