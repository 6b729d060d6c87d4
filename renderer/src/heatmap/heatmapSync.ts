/**
 * Keeps the heatmap sources in step with the operator's choice: fetches from the server when the
 * choice changes, every REFRESH_MS while a window slides, and (throttled) when new incidents open.
 * Late answers of a superseded request are dropped.
 */
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { heatmapStore, type HeatmapChoice } from './heatmapStore.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { serverNow } from '../stores/connectionStore.ts';
import { timeZoneStore } from '../stores/timeZoneStore.ts';
import { fetchHeatmap, type HeatmapData } from './api.ts';
import { queryFor, slides } from './query.ts';
import { EMPTY, diffFeatures, heatFeatures, hexFeatures } from './geojson.ts';

export const HEAT_SOURCE = 'heatmap';
export const HEX_SOURCE = 'heatmap-hex';
export const HEX_LABEL_SOURCE = 'heatmap-hex-labels';
export const REFRESH_MS = 30_000;
/** New incidents trigger at most one refetch per this interval. */
export const NEW_INCIDENT_THROTTLE_MS = 5_000;

const choiceOf = (s: HeatmapChoice): HeatmapChoice => ({
  enabled: s.enabled,
  mode: s.mode,
  preset: s.preset,
  custom: s.custom,
  types: s.types,
  res: s.res,
  compareBase: s.compareBase,
});
const same = (a: HeatmapChoice, b: HeatmapChoice) => JSON.stringify(a) === JSON.stringify(b);

export function drawHeatmap(map: MaplibreMap, data: HeatmapData | null): void {
  const set = (id: string, fc: GeoJSON.FeatureCollection) =>
    void map.getSource<GeoJSONSource>(id)?.setData(fc);
  if (!data) {
    for (const id of [HEAT_SOURCE, HEX_SOURCE, HEX_LABEL_SOURCE]) set(id, EMPTY);
    return;
  }
  set(HEAT_SOURCE, data.mode === 'heat' ? heatFeatures(data.answer) : EMPTY);
  const hex =
    data.mode === 'hex'
      ? hexFeatures(data.answer)
      : data.mode === 'compare'
        ? diffFeatures(data.answer)
        : { cells: EMPTY, labels: EMPTY };
  set(HEX_SOURCE, hex.cells);
  set(HEX_LABEL_SOURCE, hex.labels);
}

export function startHeatmapSync(map: MaplibreMap, onDraw: (data: HeatmapData | null) => void): () => void {
  let choice = choiceOf(heatmapStore.getState());
  let abort: AbortController | null = null;
  let lastFetch = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let incidents = pictureStore.getState().picture.incidents;
  let incidentCount = Object.keys(incidents).length;

  const refresh = () => {
    clearTimeout(pending);
    pending = undefined;
    abort?.abort();
    if (!choice.enabled) {
      onDraw(null);
      return;
    }
    const ctrl = new AbortController();
    abort = ctrl;
    lastFetch = Date.now();
    const store = heatmapStore.getState();
    let query;
    try {
      // The server's clock (in replay: the playhead), so "last hour" means the hour before the picture.
      // Shift presets in the data's zone: a dataset's own, not the control room's.
      query = queryFor(choice, serverNow(), timeZoneStore.getState().dataZone);
    } catch (e) {
      store.failed(e instanceof Error ? e.message : String(e));
      return;
    }
    store.started();
    fetchHeatmap(query, ctrl.signal).then(
      (data) => {
        if (ctrl.signal.aborted) return;
        heatmapStore.getState().loaded(data, Date.now());
        onDraw(data);
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) heatmapStore.getState().failed(e instanceof Error ? e.message : String(e));
      },
    );
  };

  const throttled = () => {
    if (pending || !choice.enabled || !slides(choice)) return;
    const wait = Math.max(0, lastFetch + NEW_INCIDENT_THROTTLE_MS - Date.now());
    pending = setTimeout(refresh, wait);
  };

  const unsubs = [
    heatmapStore.subscribe((s) => {
      const next = choiceOf(s);
      if (same(next, choice)) return;
      choice = next;
      refresh();
    }),
    pictureStore.subscribe((s) => {
      if (s.picture.incidents === incidents) return;
      incidents = s.picture.incidents;
      const n = Object.keys(incidents).length;
      if (n > incidentCount) throttled();
      incidentCount = n;
    }),
  ];
  const timer = setInterval(() => {
    if (choice.enabled && slides(choice)) refresh();
  }, REFRESH_MS);
  refresh();
  return () => {
    for (const u of unsubs) u();
    clearInterval(timer);
    clearTimeout(pending);
    abort?.abort();
  };
}
