/**
 * "Replay incident N" on the map: centres on the incident once, rings it, and draws the trails of
 * its units thicker and brighter than the others (from the same trail store the trails layer uses).
 */
import { useEffect } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import { removeLayersAndSource, useMap } from '../map/mapContext.ts';
import { trailFeature } from '../map/features.ts';
import { trails, type TrailPoint } from '../stores/trails.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { replayStore, useReplay } from './replayStore.ts';

const SOURCE = 'replay-focus';
const LAYERS = ['replay-focus-trails', 'replay-focus-ring'];
const REFRESH_MS = 1_000;
const HIGHLIGHT = '#ffcc00';

/**
 * The focus units' whole path since the last seek (the shared trail store keeps only minutes):
 * collected from the picture as it plays, led in by the trail store's points from before.
 */
const paths = new Map<string, TrailPoint[]>();

function collect(units: Record<string, { position?: TrailPoint | undefined }>): void {
  for (const id of replayStore.getState().focus?.unitIds ?? []) {
    const pos = units[id]?.position;
    if (!pos) continue;
    let path = paths.get(id);
    if (!path) paths.set(id, (path = []));
    const last = path[path.length - 1];
    if (!last || pos.time > last.time) path.push({ lon: pos.lon, lat: pos.lat, time: pos.time });
  }
}

function pathOf(id: string): TrailPoint[] {
  const own = paths.get(id) ?? [];
  const start = own[0]?.time ?? Infinity;
  return [...trails.get(id).filter((p) => p.time < start), ...own];
}

function features(): GeoJSON.Feature[] {
  const focus = replayStore.getState().focus;
  if (!focus) return [];
  const out: GeoJSON.Feature[] = [
    {
      type: 'Feature',
      id: `incident:${focus.incidentId}`,
      properties: { kind: 'incident', id: focus.incidentId },
      geometry: { type: 'Point', coordinates: [focus.lon, focus.lat] },
    },
  ];
  for (const id of focus.unitIds) {
    const f = trailFeature(id, pathOf(id));
    if (f) out.push({ ...f, properties: { ...f.properties, kind: 'trail' } });
  }
  return out;
}

export function ReplayFocusLayer() {
  const map = useMap();
  const focus = useReplay((s) => s.focus);

  useEffect(() => {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const below = map.getLayer('incidents-symbol') ? 'incidents-symbol' : undefined;
    map.addLayer(
      {
        id: 'replay-focus-trails',
        type: 'line',
        source: SOURCE,
        filter: ['==', ['get', 'kind'], 'trail'],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': HIGHLIGHT, 'line-width': 5, 'line-opacity': 0.9 },
      },
      below,
    );
    map.addLayer(
      {
        id: 'replay-focus-ring',
        type: 'circle',
        source: SOURCE,
        filter: ['==', ['get', 'kind'], 'incident'],
        paint: {
          'circle-radius': 22,
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': HIGHLIGHT,
          'circle-stroke-width': 3,
        },
      },
      below,
    );
    const refresh = () =>
      void map.getSource<GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features: features() });
    const timer = setInterval(refresh, REFRESH_MS);
    const unsub = pictureStore.subscribe((st, prev) => {
      if (st.epoch !== prev.epoch) paths.clear();
      else if (st.picture.units !== prev.picture.units) collect(st.picture.units);
    });
    refresh();
    return () => {
      clearInterval(timer);
      unsub();
      removeLayersAndSource(map, LAYERS, SOURCE);
    };
  }, [map]);

  useEffect(() => {
    if (!focus) return;
    map.jumpTo({ center: [focus.lon, focus.lat], zoom: Math.max(map.getZoom(), 13) });
  }, [map, focus]);

  return null;
}
