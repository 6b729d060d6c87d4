/**
 * Open incidents above the units: DV 102 "Anlass" triangles (tactical set) with the type's name, or
 * pins coloured by priority with the type's short code (arrows); assigned ones slightly muted, the
 * selected one ringed.
 */
import { useEffect } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Incident } from '#shared/domain';
import { addOrderedLayer, applyLayout, removeLayersAndSource, useMap } from '../mapContext.ts';
import { LABEL_FONT } from '../style.ts';
import { THEME } from '../../theme/colors.ts';
import { incidentFeature } from '../features.ts';
import { pictureStore } from '../../stores/pictureStore.ts';
import { settingsStore, useSettings } from '../../stores/settingsStore.ts';
import { useSelection } from '../../stores/selectionStore.ts';
import { MAP_PALETTES } from '../../theme/themes.ts';
import { NORMAL_SCALE, incidentLayout, incidentLift, type MapScale } from '../symbolSet.ts';

export const INCIDENTS_SOURCE = 'incidents';

/** Incidents are few and change rarely: rebuild the whole source, but only when one of them changed. */
function startIncidentSync(map: ReturnType<typeof useMap>): () => void {
  let synced = new Map<string, Incident>();
  let lang = settingsStore.getState().language;
  let frame = 0;
  const flush = (force: boolean) => {
    frame = 0;
    const { incidents } = pictureStore.getState().picture;
    const ids = Object.keys(incidents);
    const changed = force || ids.length !== synced.size || ids.some((id) => synced.get(id) !== incidents[id]);
    if (!changed) return;
    synced = new Map(ids.map((id) => [id, incidents[id] as Incident]));
    const features = [...synced.values()].flatMap((i) => incidentFeature(i, lang) ?? []);
    void map.getSource<GeoJSONSource>(INCIDENTS_SOURCE)?.setData({ type: 'FeatureCollection', features });
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => flush(false));
  };
  const unsubs = [
    pictureStore.subscribe(schedule),
    settingsStore.subscribe((s) => {
      if (s.language !== lang) {
        lang = s.language;
        flush(true);
      }
    }),
  ];
  flush(true);
  return () => {
    for (const u of unsubs) u();
    if (frame) cancelAnimationFrame(frame);
  };
}

const NONE = '';

export function IncidentsLayer({ scale = NORMAL_SCALE }: { scale?: MapScale }) {
  const map = useMap();
  useEffect(() => {
    map.addSource(INCIDENTS_SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    });
    addOrderedLayer(map, {
      id: 'incidents-selected',
      type: 'circle',
      source: INCIDENTS_SOURCE,
      filter: ['==', ['get', 'id'], NONE],
      paint: {
        'circle-radius': 21,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': THEME.selection,
        'circle-stroke-width': 3,
        'circle-translate': [0, -incidentLift(1)],
      },
    });
    addOrderedLayer(map, {
      id: 'incidents-symbol',
      type: 'symbol',
      source: INCIDENTS_SOURCE,
      layout: {
        'icon-image': ['get', 'icon'],
        'icon-anchor': 'bottom',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': ['-', 0, ['get', 'priority']],
        'text-field': ['get', 'short'],
        'text-font': [LABEL_FONT],
        'text-size': 10,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: {
        'text-color': THEME.labelHalo,
        'icon-opacity': ['case', ['get', 'unassigned'], 1, 0.85],
      },
    });
    return () => removeLayersAndSource(map, ['incidents-symbol', 'incidents-selected'], INCIDENTS_SOURCE);
  }, [map]);

  useEffect(() => startIncidentSync(map), [map]);

  const symbols = useSettings((s) => s.symbols);
  const theme = useSettings((s) => s.theme);
  useEffect(() => {
    if (!map.getLayer('incidents-symbol')) return;
    applyLayout(map, 'incidents-symbol', incidentLayout(symbols, scale));
    const palette = MAP_PALETTES[theme];
    // Tactical: a name label on the map (label colours with a halo); arrows: dark code on the pin.
    const tactical = symbols === 'tactical';
    map.setPaintProperty('incidents-symbol', 'text-color', tactical ? palette.label : THEME.labelHalo);
    map.setPaintProperty('incidents-symbol', 'text-halo-color', palette.labelHalo);
    map.setPaintProperty('incidents-symbol', 'text-halo-width', tactical ? 1.5 : 0);
    map.setPaintProperty('incidents-selected', 'circle-translate', [0, -incidentLift(scale.icon)]);
    map.setPaintProperty('incidents-selected', 'circle-radius', 21 * scale.icon);
  }, [map, symbols, theme, scale]);

  const selectedId = useSelection((s) => (s.selected?.kind === 'incident' ? s.selected.id : NONE));
  useEffect(() => {
    if (map.getLayer('incidents-selected'))
      map.setFilter('incidents-selected', ['==', ['get', 'id'], selectedId]);
  }, [map, selectedId]);
  return null;
}
