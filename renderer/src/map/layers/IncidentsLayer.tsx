/** Open incidents as squares coloured by priority with the call type's short code; assigned ones slightly muted. */
import { useEffect } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Incident } from '#shared/domain';
import { addOrderedLayer, removeLayersAndSource, useMap } from '../mapContext.ts';
import { LABEL_FONT } from '../style.ts';
import { THEME } from '../colors.ts';
import { incidentFeature } from '../features.ts';
import { pictureStore } from '../../stores/pictureStore.ts';
import { settingsStore } from '../../stores/settingsStore.ts';

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

export function IncidentsLayer() {
  const map = useMap();
  useEffect(() => {
    map.addSource(INCIDENTS_SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    });
    addOrderedLayer(map, {
      id: 'incidents-symbol',
      type: 'symbol',
      source: INCIDENTS_SOURCE,
      layout: {
        'icon-image': ['get', 'icon'],
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
    return () => removeLayersAndSource(map, ['incidents-symbol'], INCIDENTS_SOURCE);
  }, [map]);

  useEffect(() => startIncidentSync(map), [map]);
  return null;
}
