/**
 * Plain offline basemap: land over the water background, coastlines and country borders. Its data
 * (Natural Earth, 3.6 MB) is only fetched and tiled when the server has no basemap of its own (or
 * cannot say): under the demo region or a centre's archive it would only slow the first start.
 */
import { useEffect } from 'react';
import type { AddLayerObject, GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import { addOrderedLayer, removeLayersAndSource, useMap } from '../mapContext.ts';
import { THEME } from '../../theme/colors.ts';
import { loadBasemap, type Basemap } from '../basemap.ts';
import { t } from '../../i18n/i18n.ts';
import { basemapSummary } from '../../basemap/early.ts';
import { basemapStore } from '../../basemap/basemapStore.ts';
import { startedOnBasemap } from '../startingBasemap.ts';
import type { LayerId } from '../style.ts';

const LAND = 'basemap-land';
const BORDERS = 'basemap-borders';
const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Loaded once per page, shared by every map that needs it. */
let naturalEarth: Promise<Basemap> | null = null;

/**
 * The built-in layers and their sources, empty until the Natural Earth data is set (bottom to top).
 * ConfiguredBasemap puts them back from here when a map created on a basemap goes back to "none".
 */
export function builtInBasemap(): Pick<StyleSpecification, 'sources' | 'layers'> {
  return {
    sources: {
      [LAND]: { type: 'geojson', data: empty, tolerance: 0.5, attribution: t('map.attribution') },
      [BORDERS]: { type: 'geojson', data: empty },
    },
    layers: [
      { id: 'basemap-land', type: 'fill', source: LAND, paint: { 'fill-color': THEME.land } },
      {
        id: 'basemap-coast',
        type: 'line',
        source: LAND,
        paint: { 'line-color': THEME.landOutline, 'line-width': 1 },
      },
      {
        id: 'basemap-borders',
        type: 'line',
        source: BORDERS,
        paint: { 'line-color': THEME.border, 'line-width': 1.2, 'line-dasharray': [3, 2] },
      },
    ],
  };
}

export function BasemapLayer() {
  const map = useMap();
  useEffect(() => {
    // A map created on the server's basemap has no built-in layers (startingBasemap.ts).
    if (startedOnBasemap(map)) return;
    const parts = builtInBasemap();
    for (const [id, source] of Object.entries(parts.sources)) map.addSource(id, source);
    for (const layer of parts.layers) addOrderedLayer(map, layer as AddLayerObject & { id: LayerId });
    return () => {
      removeLayersAndSource(map, ['basemap-land', 'basemap-coast'], LAND);
      removeLayersAndSource(map, ['basemap-borders'], BORDERS);
    };
  }, [map]);

  useEffect(() => {
    let stopped = false;
    const fill = () => {
      naturalEarth ??= loadBasemap();
      naturalEarth.then(
        (b) => {
          if (stopped) return;
          // Absent while a configured basemap is on the map; put back with the built-in layers.
          map.getSource<GeoJSONSource>(LAND)?.setData(b.land);
          map.getSource<GeoJSONSource>(BORDERS)?.setData(b.borders);
        },
        (e: unknown) => {
          naturalEarth = null;
          if (!stopped) map.fire('error', { error: e instanceof Error ? e : new Error(String(e)) });
        },
      );
    };
    // No basemap of the server's own (or no answer, e.g. the bench page without a server): fill now.
    basemapSummary().then(
      (s) => s.kind === 'none' && !stopped && fill(),
      () => !stopped && fill(),
    );
    // The settings switched back to "no basemap": the built-in layers return and need their data.
    const unsubscribe = basemapStore.subscribe((s, prev) => {
      if (s.summary?.kind === 'none' && prev.summary?.kind !== 'none') fill();
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [map]);
  return null;
}
