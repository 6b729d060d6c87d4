/**
 * The wall's map: the display layers only (no clicks, context menu, toolbar or cursor readout),
 * kept fitted to the picture, labels scaled with the screen, and the "send to wall" focus flown to.
 */
import { useEffect, useState } from 'react';
import { MapView } from '../map/MapView.tsx';
import { BasemapLayer } from '../map/layers/BasemapLayer.tsx';
import { ConfiguredBasemap } from '../map/layers/ConfiguredBasemap.tsx';
import { HeatmapLayer } from '../heatmap/HeatmapLayer.tsx';
import { IncidentsLayer } from '../map/layers/IncidentsLayer.tsx';
import { UnitsLayer } from '../map/layers/UnitsLayer.tsx';
import { MapTheme } from '../map/layers/MapTheme.tsx';
import { useMap } from '../map/mapContext.ts';
import { fitAll } from '../map/fitAll.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { activeFocus, wallFocusStore } from './wallFocus.ts';
import { wallCanvasScale, wallScale } from './wallScale.ts';

const FOCUS_ZOOM = 15;
const SETTLE_MS = 30_000;
const SETTLE_EVERY_MS = 3_000;
const REFIT_MS = 30_000;
/** A wall takes no input: pan, zoom and keys are off. */
function WallMapSetup() {
  const map = useMap();
  useEffect(() => {
    for (const handler of [map.dragPan, map.scrollZoom, map.boxZoom, map.doubleClickZoom, map.keyboard])
      handler.disable();
  }, [map]);
  return null;
}

const measureWallScale = (canvasScale: number) =>
  wallScale({
    cssWidth: window.innerWidth / canvasScale,
    devicePixelRatio: (window.devicePixelRatio || 1) * canvasScale,
  });

/**
 * Label and symbol sizes for reading from across the room (wallScale), following window resizes.
 * Measured in the map's own CSS pixels: `canvasScale` of them per CSS pixel of the window.
 */
function useWallScale(canvasScale: number) {
  const [scale, setScale] = useState(() => measureWallScale(canvasScale));
  useEffect(() => {
    const onResize = () =>
      setScale((prev) => {
        const next = measureWallScale(canvasScale);
        return next.text === prev.text && next.icon === prev.icon ? prev : next;
      });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [canvasScale]);
  return scale;
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
  // Read once, as the map is created once: a resized wall keeps its canvas scale until reloaded.
  const [canvasScale] = useState(() => wallCanvasScale(window.innerWidth));
  const scale = useWallScale(canvasScale);
  return (
    <div className="wall-map" data-label-scale={scale.text}>
      <MapView canvasScale={canvasScale}>
        <BasemapLayer />
        <ConfiguredBasemap />
        <HeatmapLayer />
        <IncidentsLayer scale={scale} />
        <UnitsLayer scale={scale} />
        <MapTheme />
        <WallMapSetup />
        <FitAndFocus />
      </MapView>
    </div>
  );
}
