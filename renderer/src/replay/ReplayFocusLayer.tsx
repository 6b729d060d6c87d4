/**
 * "Replay incident N" on the map: centres on the incident once, rings it, and draws the trails of
 * its units thicker and brighter than the others (from the same trail store the trails layer uses).
 */
import { useEffect } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import { removeLayersAndSource, useMap } from '../map/mapContext.ts';
import { trailFeature } from '../map/features.ts';
import { trails, type TrailPoint } from '../stores/trails.ts';
import { serverNow } from '../stores/connectionStore.ts';
import { pictureStore, type PictureState } from '../stores/pictureStore.ts';
import { replayStore, useReplay } from './replayStore.ts';

const SOURCE = 'replay-focus';
const LAYERS = ['replay-focus-trails', 'replay-focus-ring'];
const REFRESH_MS = 1_000;
const MAX_GAP_MS = 2 * 60_000;
const HIGHLIGHT = '#ffcc00';

/**
 * The focus units' whole path as played (the shared trail store keeps only minutes): collected from
 * the picture as it plays, led in by the trail store's points from before.
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

/**
 * After a seek: the path up to the new time stays (it is still the past), later points go; a jump
 * far ahead starts the path afresh rather than bridging the gap with a straight line.
 */
function keepPast(t: number): void {
  for (const [id, path] of paths) {
    const kept = path.filter((p) => p.time <= t);
    const last = kept[kept.length - 1];
    if (!last || t - last.time > MAX_GAP_MS) paths.delete(id);
    else paths.set(id, kept);
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
      if (st.epoch !== prev.epoch) keepPast(serverNow());
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
    const jump = () => map.jumpTo({ center: [focus.lon, focus.lat], zoom: Math.max(map.getZoom(), 13) });
    jump();
    // The map fits all units once the first picture with positions arrives: come back after that,
    // unless the user has taken the map meanwhile.
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const userMoved = (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) done = true;
    };
    const check = (s: PictureState) => {
      if (done || !Object.values(s.picture.units).some((u) => u.position)) return;
      done = true;
      timer = setTimeout(jump, 0);
    };
    const unsub = pictureStore.subscribe(check);
    check(pictureStore.getState());
    map.on('movestart', userMoved);
    return () => {
      unsub();
      clearTimeout(timer);
      map.off('movestart', userMoved);
    };
  }, [map, focus]);

  return null;
}
