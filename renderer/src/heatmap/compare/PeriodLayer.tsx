/**
 * The hexagons of one period of the comparison (counts, on the scale both maps share) with count
 * labels. Renders nothing; owns its source and layers on its compare map.
 */
import { useEffect } from 'react';
import type { ExpressionSpecification, GeoJSONSource } from 'maplibre-gl';
import { removeLayersAndSource, useMap } from '../../map/mapContext.ts';
import { LABEL_FONT } from '../../map/style.ts';
import { useHeatmap } from '../heatmapStore.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { EMPTY } from '../geojson.ts';
import { periodFeatures, sharedScale, type Side } from './periods.ts';

export const PERIOD_SOURCE = 'compare-hex';
export const PERIOD_LABEL_SOURCE = 'compare-hex-labels';
export const PERIOD_FILL = 'compare-hex-fill';

export function PeriodLayer({ side }: { side: Side }) {
  const map = useMap();
  const data = useHeatmap((s) => (s.data?.mode === 'compare' ? s.data : null));
  const theme = useSettings((s) => s.theme);

  useEffect(() => {
    map.addSource(PERIOD_SOURCE, { type: 'geojson', data: EMPTY });
    map.addSource(PERIOD_LABEL_SOURCE, { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: PERIOD_FILL,
      type: 'fill',
      source: PERIOD_SOURCE,
      paint: { 'fill-color': '#888', 'fill-opacity': 0.6 },
    });
    map.addLayer({
      id: 'compare-hex-line',
      type: 'line',
      source: PERIOD_SOURCE,
      paint: { 'line-color': '#ffffff', 'line-opacity': 0.4, 'line-width': 0.8 },
    });
    map.addLayer({
      id: 'compare-hex-count',
      type: 'symbol',
      source: PERIOD_LABEL_SOURCE,
      layout: {
        'text-field': ['get', 'text'],
        'text-font': [LABEL_FONT],
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#0b1118', 'text-halo-width': 1.2 },
    });
    return () => {
      removeLayersAndSource(map, [PERIOD_FILL, 'compare-hex-line'], PERIOD_SOURCE);
      removeLayersAndSource(map, ['compare-hex-count'], PERIOD_LABEL_SOURCE);
    };
  }, [map]);

  useEffect(() => {
    const f = data ? periodFeatures(data.answer, side) : { cells: EMPTY, labels: EMPTY };
    map.getSource<GeoJSONSource>(PERIOD_SOURCE)?.setData(f.cells);
    map.getSource<GeoJSONSource>(PERIOD_LABEL_SOURCE)?.setData(f.labels);
    if (data && map.getLayer(PERIOD_FILL))
      map.setPaintProperty(
        PERIOD_FILL,
        'fill-color',
        sharedScale(data.answer).expression as ExpressionSpecification,
      );
  }, [map, data, side]);

  useEffect(() => {
    if (!map.getLayer('compare-hex-line')) return;
    const [fg, bg] = theme === 'dark' ? ['#ffffff', '#0b1118'] : ['#0b1118', '#ffffff'];
    map.setPaintProperty('compare-hex-line', 'line-color', fg);
    map.setPaintProperty('compare-hex-count', 'text-color', fg);
    map.setPaintProperty('compare-hex-count', 'text-halo-color', bg);
  }, [map, theme]);
  return null;
}
