/** Plain offline basemap: land over the water background, coastlines and country borders. */
import { useEffect } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import { addOrderedLayer, removeLayersAndSource, useMap } from '../mapContext.ts';
import { THEME } from '../../theme/colors.ts';
import { loadBasemap } from '../basemap.ts';
import { t } from '../../i18n/i18n.ts';

const LAND = 'basemap-land';
const BORDERS = 'basemap-borders';
const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function BasemapLayer() {
  const map = useMap();
  useEffect(() => {
    map.addSource(LAND, { type: 'geojson', data: empty, tolerance: 0.5, attribution: t('map.attribution') });
    map.addSource(BORDERS, { type: 'geojson', data: empty });
    addOrderedLayer(map, {
      id: 'basemap-land',
      type: 'fill',
      source: LAND,
      paint: { 'fill-color': THEME.land },
    });
    addOrderedLayer(map, {
      id: 'basemap-coast',
      type: 'line',
      source: LAND,
      paint: { 'line-color': THEME.landOutline, 'line-width': 1 },
    });
    addOrderedLayer(map, {
      id: 'basemap-borders',
      type: 'line',
      source: BORDERS,
      paint: { 'line-color': THEME.border, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    });
    return () => {
      removeLayersAndSource(map, ['basemap-land', 'basemap-coast'], LAND);
      removeLayersAndSource(map, ['basemap-borders'], BORDERS);
    };
  }, [map]);

  useEffect(() => {
    const abort = new AbortController();
    loadBasemap(abort.signal)
      .then((b) => {
        map.getSource<GeoJSONSource>(LAND)?.setData(b.land);
        map.getSource<GeoJSONSource>(BORDERS)?.setData(b.borders);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted)
          map.fire('error', { error: e instanceof Error ? e : new Error(String(e)) });
      });
    return () => abort.abort();
  }, [map]);
  return null;
}
