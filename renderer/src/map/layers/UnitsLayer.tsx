/**
 * Units as tactical signs framed in their FMS status colour (or arrows coloured by status and
 * rotated by heading), with callsign and kind; clustered when zoomed out, emergencies on top.
 */
import { useEffect } from 'react';
import type { ExpressionSpecification } from 'maplibre-gl';
import { addOrderedLayer, applyLayout, removeLayersAndSource, useMap } from '../mapContext.ts';
import { LABEL_FONT } from '../style.ts';
import { THEME, STATUS_COLORS } from '../../theme/colors.ts';
import { startUnitSync } from '../unitSync.ts';
import { SELECTION_RING, SELECTION_RING_RADIUS } from '../icons.ts';
import { SLOT_OFFSET } from '../unitSpots.ts';
import { useSelection } from '../../stores/selectionStore.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { NORMAL_SCALE, UNIT_SORT_KEY, unitLayout, type MapScale } from '../symbolSet.ts';

export const UNITS_SOURCE = 'units';
/** Highest zoom at which units are clustered (zooms 8.99 and below); 9 and above show every unit. */
export const CLUSTER_MAX_ZOOM = 8;
const LAYERS = ['units-cluster', 'units-cluster-count', 'units-selected', 'units-symbol'] as const;
const statusIs = (code: number): ExpressionSpecification => ['case', ['==', ['get', 'status'], code], 1, 0];
const NONE = '';

export function UnitsLayer({ scale = NORMAL_SCALE }: { scale?: MapScale }) {
  const map = useMap();

  useEffect(() => {
    map.addSource(UNITS_SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
      cluster: true,
      // Clusters only above city scale: a city view shows every unit. A source clusters at every
      // zoom whose floor is at most clusterMaxZoom, and a whole city (Köln, 0.4° wide) fitted into
      // a 600 px map lands at zoom 9.9, so 8 keeps zoom 9.x unclustered and clusters regional views.
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      clusterRadius: 50,
      clusterProperties: { emergency: ['+', statusIs(0)], request: ['+', statusIs(5)] },
    });
    addOrderedLayer(map, {
      id: 'units-cluster',
      type: 'circle',
      source: UNITS_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': THEME.cluster,
        'circle-radius': ['step', ['get', 'point_count'], 12, 20, 15, 100, 19, 1000, 24],
        'circle-stroke-width': 3,
        'circle-stroke-color': [
          'case',
          ['>', ['get', 'emergency'], 0],
          STATUS_COLORS[0],
          ['>', ['get', 'request'], 0],
          STATUS_COLORS[5],
          THEME.landOutline,
        ],
      },
    });
    addOrderedLayer(map, {
      id: 'units-cluster-count',
      type: 'symbol',
      source: UNITS_SOURCE,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [LABEL_FONT],
        'text-size': 12,
      },
      paint: { 'text-color': THEME.clusterText },
    });
    // The ring is an icon, not a circle: it follows the unit's drawn place among units at one spot.
    addOrderedLayer(map, {
      id: 'units-selected',
      type: 'symbol',
      source: UNITS_SOURCE,
      filter: ['==', ['get', 'id'], NONE],
      layout: {
        'icon-image': SELECTION_RING,
        'icon-offset': SLOT_OFFSET,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: { 'icon-color': THEME.selection },
    });
    addOrderedLayer(map, {
      id: 'units-symbol',
      type: 'symbol',
      source: UNITS_SOURCE,
      filter: ['!', ['has', 'point_count']],
      layout: {
        'icon-image': ['get', 'icon'],
        // Units at one spot are drawn around it (unitSpots.ts), each in its own slot.
        'icon-offset': SLOT_OFFSET,
        'icon-rotate': ['get', 'heading'],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': UNIT_SORT_KEY,
        'text-field': ['format', ['get', 'callsign'], {}, '\n', {}, ['get', 'sub'], { 'font-scale': 0.8 }],
        'text-font': [LABEL_FONT],
        'text-size': 12,
        'text-variable-anchor': ['top', 'bottom', 'right', 'left'],
        'text-radial-offset': 1.1,
        'text-optional': true,
      },
      paint: {
        'icon-opacity': ['case', ['get', 'stale'], 0.35, 1],
        'text-opacity': ['case', ['get', 'stale'], 0.55, 1],
        'text-color': THEME.label,
        'text-halo-color': THEME.labelHalo,
        'text-halo-width': 1.5,
      },
    });
    return () => removeLayersAndSource(map, [...LAYERS].reverse(), UNITS_SOURCE);
  }, [map]);

  // Zoomed in past the clusters, the source holds only the units around the view (viewCull.ts).
  useEffect(() => startUnitSync(map, UNITS_SOURCE, { cullFromZoom: CLUSTER_MAX_ZOOM + 1 }), [map]);

  const symbols = useSettings((s) => s.symbols);
  useEffect(() => {
    if (!map.getLayer('units-symbol')) return;
    applyLayout(map, 'units-symbol', unitLayout(symbols, scale));
    map.setLayoutProperty(
      'units-selected',
      'icon-size',
      ((symbols === 'tactical' ? 22 : 17) / SELECTION_RING_RADIUS) * scale.icon,
    );
    map.setLayoutProperty('units-cluster-count', 'text-size', Math.round(12 * scale.text));
  }, [map, symbols, scale]);

  const selectedId = useSelection((s) => (s.selected?.kind === 'unit' ? s.selected.id : NONE));
  useEffect(() => {
    if (map.getLayer('units-selected')) map.setFilter('units-selected', ['==', ['get', 'id'], selectedId]);
  }, [map, selectedId]);

  return null;
}
