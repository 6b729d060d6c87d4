/**
 * The wall's map: the display layers only (no clicks, context menu, toolbar or cursor readout),
 * kept fitted to the picture, labels scaled with the screen, and the "send to wall" focus flown to.
 */
import { useEffect } from 'react';
import { MapView } from '../map/MapView.tsx';
import { BasemapLayer } from '../map/layers/BasemapLayer.tsx';
import { ConfiguredBasemap } from '../map/layers/ConfiguredBasemap.tsx';
import { HeatmapLayer } from '../map/layers/HeatmapLayer.tsx';
import { IncidentsLayer } from '../map/layers/IncidentsLayer.tsx';
import { UnitsLayer } from '../map/layers/UnitsLayer.tsx';
import { MapTheme } from '../map/layers/MapTheme.tsx';
import { useMap } from '../map/mapContext.ts';
import { fitAll } from '../map/fitAll.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { activeFocus, wallFocusStore } from './wallFocus.ts';

const FOCUS_ZOOM = 15;
const SETTLE_MS = 30_000;
const SETTLE_EVERY_MS = 3_000;
const REFIT_MS = 30_000;
const LABEL_LAYERS = ['units-symbol', 'incidents-symbol', 'units-cluster-count'] as const;

/**
 * A wall takes no input: pan, zoom and keys are off. Map labels are drawn in CSS pixels; a wall is
 * read from afar, so they grow with the screen.
 */
function WallMapSetup() {
  const map = useMap();
  useEffect(() => {
    for (const handler of [map.dragPan, map.scrollZoom, map.boxZoom, map.doubleClickZoom, map.keyboard])
      handler.disable();
    const factor = Math.min(3, Math.max(1.4, window.innerWidth / 1100));
    for (const id of LABEL_LAYERS) {
      if (!map.getLayer(id)) continue;
      const size = map.getLayoutProperty(id, 'text-size') as unknown;
      if (typeof size === 'number') map.setLayoutProperty(id, 'text-size', Math.round(size * factor));
      if (id !== 'units-cluster-count') map.setLayoutProperty(id, 'icon-size', Math.min(2, factor * 0.8));
    }
  }, [map]);
  return null;
}

/**
 * Keeps everything in view: a wall runs all day while units spread out and incidents come and go,
 * and its first picture may still lack positions. Fits often while the picture settles, then every
 * REFIT_MS; a "send to wall" focus wins while it lasts.
 */
function FitAndFocus() {
  const map = useMap();
  useEffect(() => {
    const mountedAt = Date.now();
    let lastFit = -Infinity;
    const fly = () => {
      const focus = activeFocus(wallFocusStore.getState(), Date.now());
      if (!focus) return false;
      const { units, incidents } = pictureStore.getState().picture;
      const at = focus.kind === 'unit' ? units[focus.id]?.position : incidents[focus.id]?.location;
      selectionStore.getState().select({ kind: focus.kind, id: focus.id });
      if (at) map.easeTo({ center: [at.lon, at.lat], zoom: FOCUS_ZOOM, duration: 800 });
      return true;
    };
    const refit = () => {
      const now = Date.now();
      if (!pictureStore.getState().loaded || activeFocus(wallFocusStore.getState(), now)) return;
      const settling = now - mountedAt < SETTLE_MS;
      if (!settling && now - lastFit < REFIT_MS) return;
      if (fitAll(map, !settling)) lastFit = now;
    };
    const unsubs = [
      pictureStore.subscribe((s, prev) => {
        if (s.loaded && !prev.loaded && !fly()) refit();
      }),
      wallFocusStore.subscribe(() => void fly()),
    ];
    if (!fly()) refit();
    const timer = setInterval(refit, SETTLE_EVERY_MS);
    return () => {
      clearInterval(timer);
      unsubs.forEach((u) => u());
    };
  }, [map]);
  return null;
}

export function WallMap() {
  return (
    <div className="wall-map">
      <MapView>
        <BasemapLayer />
        <ConfiguredBasemap />
        <HeatmapLayer />
        <IncidentsLayer />
        <UnitsLayer />
        <MapTheme />
        <WallMapSetup />
        <FitAndFocus />
      </MapView>
    </div>
  );
}
