/**
 * The positions hot path: subscribes to the picture store outside React and patches the units
 * source at most once per animation frame with only the units that changed. Also refreshes stale
 * flags and fix ages as time passes, and keeps a followed unit in view.
 */
import type { GeoJSONSource, GeoJSONSourceDiff, Map as MaplibreMap } from 'maplibre-gl';
import { pictureStore } from '../stores/pictureStore.ts';
import { serverNow } from '../stores/connectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { UnitDiffer } from './unitDiff.ts';
import { nextCull, type Box } from './viewCull.ts';
import { debugHook } from '../debug/debugHook.ts';

const AGE_REFRESH_MS = 5_000;
const BUSY_RETRY_MS = 16;
const MAX_SIZE_INTERVAL_MS = 1_000;
const MAX_HOLD_MS = 5_000;
/** A fast car: position-only changes are held until such a unit could have moved a pixel. */
const FAST_UNIT_MPS = 30;

/**
 * Minimum time between two position-only source updates. Each update makes the worker re-tile and
 * re-shape the labels of every tile a changed unit is in, which competes with drawing for the CPU.
 * So a big source is patched less often (5,000 units once a second: still every 1 Hz report,
 * coalesced; 1,000 units five times a second; a hundred every frame), and a zoomed-out view waits
 * until movement can be seen at all. Status changes and new units do not wait (see hasUrgentChange).
 */
export function pushIntervalMs(features: number, metresPerPixel: number): number {
  const bySize = Math.min(MAX_SIZE_INTERVAL_MS, features / 5);
  const byVisibility = Math.min(MAX_HOLD_MS, (metresPerPixel / FAST_UNIT_MPS) * 1000);
  return Math.max(bySize, byVisibility);
}

/** Ground resolution at the map centre (MapLibre's 512 px tiles). */
export function metresPerPixel(zoom: number, lat: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The visible part of the map as a box (the corners of a pitched view included). */
function viewBox(map: MaplibreMap): Box {
  const b = map.getBounds();
  return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
}

/**
 * `cullFromZoom`: from this zoom on the source holds only the units in and around the view
 * (viewCull.ts); below it every unit (the clusters count them all).
 */
export function startUnitSync(
  map: MaplibreMap,
  sourceId: string,
  opts: { cullFromZoom?: number } = {},
): () => void {
  const differ = new UnitDiffer();
  const cullFromZoom = opts.cullFromZoom ?? Infinity;
  let cull: Box | null = null;
  let boxMoved = false;
  const updateCull = () => {
    const next = nextCull(cull, viewBox(map), map.getZoom(), cullFromZoom);
    if (next === undefined) return false;
    cull = next;
    differ.setBox(next);
    return true;
  };
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rebuildAll = false;
  let epoch = pictureStore.getState().epoch;
  let lang = settingsStore.getState().language;
  const source = () => map.getSource<GeoJSONSource>(sourceId);

  let inFlight = false;
  let lastPush = -Infinity;
  const push = (diff: GeoJSONSourceDiff) => {
    const src = source();
    if (!src) return;
    inFlight = true;
    lastPush = performance.now();
    const t0 = performance.now();
    const hook = debugHook();
    void src.updateData(diff).finally(() => {
      inFlight = false;
      hook.updateMsTotal += performance.now() - t0;
    });
    hook.unitUpdates++;
    hook.lastUpdateSize = (diff.add?.length ?? 0) + (diff.update?.length ?? 0) + (diff.remove?.length ?? 0);
  };

  const flush = () => {
    frame = 0;
    // One update in the worker at a time, position-only changes spaced out: they wait in the store
    // meanwhile and go out together, so a unit never lags more than one interval behind.
    const { picture, staleAfterMs } = pictureStore.getState();
    // A new box shows units that were not in the source: they go out at once, like new units.
    if (updateCull()) boxMoved = true;
    const urgent = boxMoved || rebuildAll || differ.hasUrgentChange(picture.units);
    const interval = urgent
      ? 0
      : pushIntervalMs(differ.size, metresPerPixel(map.getZoom(), map.getCenter().lat));
    const wait = Math.max(inFlight ? BUSY_RETRY_MS : 0, lastPush + interval - performance.now());
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        schedule();
      }, wait);
      return;
    }
    const diff = differ.diff(picture.units, serverNow(), staleAfterMs, lang, rebuildAll);
    rebuildAll = false;
    boxMoved = false;
    if (diff) push(diff);
    followUnit();
  };
  const schedule = () => {
    if (!frame && !timer) frame = requestAnimationFrame(flush);
  };

  const followUnit = () => {
    const id = selectionStore.getState().followUnitId;
    const pos = id ? pictureStore.getState().picture.units[id]?.position : undefined;
    if (!pos) return;
    const c = map.getCenter();
    if (Math.abs(c.lng - pos.lon) > 1e-6 || Math.abs(c.lat - pos.lat) > 1e-6) {
      map.easeTo({ center: [pos.lon, pos.lat], duration: 400 });
    }
  };

  const unsubscribers = [
    pictureStore.subscribe((s) => {
      if (s.epoch !== epoch) {
        epoch = s.epoch;
        rebuildAll = true;
      }
      schedule();
    }),
    settingsStore.subscribe((s) => {
      if (s.language === lang) return;
      lang = s.language;
      rebuildAll = true;
      schedule();
    }),
    selectionStore.subscribe((s, prev) => {
      if (s.followUnitId !== prev.followUnitId) schedule();
    }),
  ];
  const ageTimer = setInterval(() => {
    const diff = differ.refreshAges(serverNow(), pictureStore.getState().staleAfterMs, lang);
    if (diff) push(diff);
  }, AGE_REFRESH_MS);
  // The user taking the map stops following (a drag would fight the camera otherwise).
  const stopFollow = (e: { originalEvent?: unknown }) => {
    if (e.originalEvent) selectionStore.getState().follow(null);
  };
  map.on('dragstart', stopFollow);
  // The camera left the box (or zoomed far in or out): the next flush moves the box.
  const onMove = () => {
    if (nextCull(cull, viewBox(map), map.getZoom(), cullFromZoom) !== undefined) schedule();
  };
  map.on('move', onMove);

  schedule();
  return () => {
    for (const u of unsubscribers) u();
    clearInterval(ageTimer);
    if (frame) cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
    map.off('dragstart', stopFollow);
    map.off('move', onMove);
  };
}
