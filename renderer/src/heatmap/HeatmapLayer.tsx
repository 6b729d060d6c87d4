/**
 * Incident density from the server: a heat layer, or H3 hexagons coloured by count with count
 * labels, or hexagons coloured by the difference of two periods. Renders nothing; owns its sources
 * and layers and shows only those of the chosen mode.
 */
import { useEffect } from 'react';
import type { ExpressionSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { addOrderedLayer, removeLayersAndSource, useMap } from '../map/mapContext.ts';
import { LABEL_FONT } from '../map/style.ts';
import { useHeatmap } from './heatmapStore.ts';
import { useSettings } from '../stores/settingsStore.ts';
import type { HeatmapData } from './api.ts';
import { HEAT_SOURCE, HEX_LABEL_SOURCE, HEX_SOURCE, drawHeatmap, startHeatmapSync } from './heatmapSync.ts';
import { EMPTY } from './geojson.ts';
import { heatColorExpression, legendFor } from './legend.ts';

const HEAT_LAYERS = ['heatmap-heat'] as const;
const HEX_LAYERS = ['heatmap-hex-fill', 'heatmap-hex-line', 'heatmap-hex-count'] as const;
const expr = (e: unknown[]) => e as ExpressionSpecification;

function addLayers(map: MaplibreMap): void {
  for (const id of [HEAT_SOURCE, HEX_SOURCE, HEX_LABEL_SOURCE])
    map.addSource(id, { type: 'geojson', data: EMPTY });
  addOrderedLayer(map, {
    id: 'heatmap-heat',
    type: 'heatmap',
    source: HEAT_SOURCE,
    layout: { visibility: 'none' },
    paint: {
      'heatmap-weight': ['get', 'weight'],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 8, 1, 15, 3],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 12, 12, 35, 15, 60],
      'heatmap-color': expr(heatColorExpression()),
      'heatmap-opacity': 0.75,
    },
  });
  addOrderedLayer(map, {
    id: 'heatmap-hex-fill',
    type: 'fill',
    source: HEX_SOURCE,
    layout: { visibility: 'none' },
    paint: { 'fill-color': '#888', 'fill-opacity': 0.55 },
  });
  addOrderedLayer(map, {
    id: 'heatmap-hex-line',
    type: 'line',
    source: HEX_SOURCE,
    layout: { visibility: 'none' },
    paint: { 'line-color': '#ffffff', 'line-opacity': 0.35, 'line-width': 0.8 },
  });
  addOrderedLayer(map, {
    id: 'heatmap-hex-count',
    type: 'symbol',
    source: HEX_LABEL_SOURCE,
    layout: {
      visibility: 'none',
      'text-field': ['get', 'text'],
      'text-font': [LABEL_FONT],
      'text-size': 12,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff', 'text-halo-color': '#0b1118', 'text-halo-width': 1.2 },
  });
}

function show(map: MaplibreMap, data: HeatmapData | null): void {
  const visible = (on: boolean) => (on ? 'visible' : 'none');
  for (const id of HEAT_LAYERS)
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible(data?.mode === 'heat'));
  for (const id of HEX_LAYERS)
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible(!!data && data.mode !== 'heat'));
  if (data && data.mode !== 'heat' && map.getLayer('heatmap-hex-fill'))
    map.setPaintProperty('heatmap-hex-fill', 'fill-color', expr(legendFor(data).expression));
}

export function HeatmapLayer() {
  const map = useMap();
  const enabled = useHeatmap((s) => s.enabled);
  const theme = useSettings((s) => s.theme);

  useEffect(() => {
    addLayers(map);
    return () => {
      removeLayersAndSource(map, HEAT_LAYERS, HEAT_SOURCE);
      removeLayersAndSource(map, ['heatmap-hex-fill', 'heatmap-hex-line'], HEX_SOURCE);
      removeLayersAndSource(map, ['heatmap-hex-count'], HEX_LABEL_SOURCE);
    };
  }, [map]);

  useEffect(() => {
    if (!enabled) {
      drawHeatmap(map, null);
      show(map, null);
      return;
    }
    return startHeatmapSync(map, (data) => {
      drawHeatmap(map, data);
      show(map, data);
    });
  }, [map, enabled]);

  useEffect(() => {
    if (!map.getLayer('heatmap-hex-line')) return;
    const [fg, bg] = theme === 'dark' ? ['#ffffff', '#0b1118'] : ['#0b1118', '#ffffff'];
    map.setPaintProperty('heatmap-hex-line', 'line-color', fg);
    map.setPaintProperty('heatmap-hex-count', 'text-color', fg);
    map.setPaintProperty('heatmap-hex-count', 'text-halo-color', bg);
  }, [map, theme]);
  return null;
}
