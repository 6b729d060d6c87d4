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
import { debugHook } from '../debug/debugHook.ts';

const AGE_REFRESH_MS = 5_000;
const BUSY_RETRY_MS = 16;
const MAX_PUSH_INTERVAL_MS = 250;

/**
 * Minimum time between two source updates. Each update makes the worker re-tile the whole source,
 * so a big source is patched less often (5,000 units: 4 Hz, still within every unit's 1 Hz report);
 * a small one every frame.
 */
export const pushIntervalMs = (features: number): number => Math.min(MAX_PUSH_INTERVAL_MS, features / 20);

export function startUnitSync(map: MaplibreMap, sourceId: string): () => void {
  const differ = new UnitDiffer();
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
    void src.updateData(diff).finally(() => {
      inFlight = false;
    });
    const hook = debugHook();
    hook.unitUpdates++;
    hook.lastUpdateSize = (diff.add?.length ?? 0) + (diff.update?.length ?? 0) + (diff.remove?.length ?? 0);
  };

  const flush = () => {
    frame = 0;
    // One update in the worker at a time, spaced by source size: changes wait in the store meanwhile
    // and go out together, so a unit never lags more than one interval behind.
    const wait = Math.max(
      inFlight ? BUSY_RETRY_MS : 0,
      lastPush + pushIntervalMs(differ.size) - performance.now(),
    );
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        schedule();
      }, wait);
      return;
    }
    const { picture, staleAfterMs } = pictureStore.getState();
    const diff = differ.diff(picture.units, serverNow(), staleAfterMs, lang, rebuildAll);
    rebuildAll = false;
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

  schedule();
  return () => {
    for (const u of unsubscribers) u();
    clearInterval(ageTimer);
    if (frame) cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
    map.off('dragstart', stopFollow);
  };
}
