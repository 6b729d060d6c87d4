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
import { FIT_OPTIONS, fitBounds, pictureBounds, readyToFit } from '../map/fitAll.ts';
import { SettlingFit } from '../map/settlingFit.ts';
import type { Bounds } from '../map/features.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { activeFocus, wallFocusStore } from './wallFocus.ts';
import { isSoftwareRenderer, wallCanvasScale, wallPixelRatio, wallScale } from './wallScale.ts';
import { webglRendererName } from './webglRenderer.ts';
import { wallNeedsRefit } from './wallFit.ts';

const FOCUS_ZOOM = 15;
const CHECK_EVERY_MS = 3_000;
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
 * and its first picture may still lack positions. Settles like the dashboard (the first fit once
 * the fleet has reported, then only when the picture leaves the view), then checks every REFIT_MS
 * and moves only when needed (wallFit.ts); a "send to wall" focus wins while it lasts.
 */
function FitAndFocus() {
  const map = useMap();
  useEffect(() => {
    const view = (): Bounds => {
      const v = map.getBounds();
      return [v.getWest(), v.getSouth(), v.getEast(), v.getNorth()];
    };
    const settling = new SettlingFit((b) => {
      fitBounds(map, b, false);
      return true;
    }, view);
    let loadedAt = 0;
    let lastCheck = -Infinity;
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
      const { loaded, picture } = pictureStore.getState();
      if (!loaded || activeFocus(wallFocusStore.getState(), now)) return;
      loadedAt ||= now;
      if (!settling.started && !readyToFit(Object.values(picture.units), now - loadedAt)) return;
      if (!settling.done) return settling.update(pictureBounds());
      if (now - lastCheck < REFIT_MS) return;
      lastCheck = now;
      const b = pictureBounds();
      if (!b) return;
      const fitZoom = map.cameraForBounds(b, FIT_OPTIONS)?.zoom;
      if (wallNeedsRefit({ view: view(), zoom: map.getZoom() }, b, fitZoom)) fitBounds(map, b, true);
    };
    const unsubs = [
      pictureStore.subscribe((s, prev) => {
        // A focus sent before the first picture is flown to once it arrives; refit skips a focus.
        if (s.loaded && !prev.loaded && fly()) return;
        refit();
      }),
      wallFocusStore.subscribe(() => void fly()),
    ];
    if (!fly()) refit();
    // Picture changes drive the fits; the timer covers a quiet picture (readyToFit's FIT_ANYWAY_MS,
    // the end of a focus, the periodic check).
    const timer = setInterval(refit, CHECK_EVERY_MS);
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
  const [start] = useState(() => ({
    pixelRatio: wallPixelRatio(
      window.devicePixelRatio || 1,
      canvasScale,
      canvasScale > 1 && isSoftwareRenderer(webglRendererName()),
    ),
  }));
  const scale = useWallScale(canvasScale);
  return (
    <div className="wall-map" data-label-scale={scale.text} data-pixel-ratio={start.pixelRatio}>
      <MapView canvasScale={canvasScale} start={start} onBasemap>
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
