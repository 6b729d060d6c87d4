/** Creates the map with the offline style, the worker from our own build, and the static controls. */
import { Map as MaplibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { baseStyle } from './style.ts';
import { makeIcons } from './icons.ts';
import { addTacticalIcons } from './tacticalIcons.ts';
import { rememberDefaultView } from './regionView.ts';
import { startedOn, type StartingBasemap } from './startingBasemap.ts';

let workerSet = false;

export interface MapStart {
  center?: [number, number];
  zoom?: number;
  /**
   * Device pixels per CSS pixel of the map's container (default the window's). A wall draws its map
   * in a container half its size scaled up 2× at twice the ratio (MapView's canvasScale).
   */
  pixelRatio?: number;
}

/**
 * With `basemap` (startingBasemap.ts) the map is created on the server's basemap style and opens on
 * its region; without, on the built-in style (ConfiguredBasemap switches later, if at all).
 */
export function createMap(
  container: HTMLElement,
  start: MapStart = {},
  basemap?: StartingBasemap,
): MaplibreMap {
  if (!workerSet) {
    setWorkerUrl(new URL(workerUrl, location.href).href);
    workerSet = true;
  }
  const map = new MaplibreMap({
    container,
    style: basemap?.style ?? baseStyle(),
    // North Rhine-Westphalia (or the basemap's region) until the first picture arrives and "fit all" takes over.
    center: start.center ?? [7.4, 51.45],
    zoom: start.zoom ?? 7,
    ...(basemap?.bounds && !start.center
      ? { bounds: basemap.bounds, fitBoundsOptions: { padding: 20 } }
      : {}),
    ...(start.pixelRatio ? { pixelRatio: start.pixelRatio } : {}),
    maxPitch: 0,
    // Labels and symbols appear and give way at once instead of fading for 300 ms: with units moving
    // every second, each placement's fade kept the map drawing frame after frame. Measured with 80
    // simulated units, 30 s at 1280×800 in software WebGL: 54-67 frames instead of 75-118, the GPU
    // process 4.0-4.8 CPU s instead of 5.5-7.2 (load 7-14).
    fadeDuration: 0,
    dragRotate: false,
    // The attribution comes from the sources: Natural Earth (BasemapLayer) or the configured basemap.
    attributionControl: { compact: true },
  });
  // Without a chosen start view the map opens on the basemap's region once it is known (regionView.ts).
  if (!start.center) rememberDefaultView(map);
  if (basemap) startedOn(map, basemap);
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  // `on`, not `once`: a basemap style switch that reloads the style drops images added at run time.
  map.on('style.load', () => {
    const ratio = map.getPixelRatio();
    for (const { name, image, sdf } of makeIcons(ratio)) {
      if (!map.hasImage(name)) map.addImage(name, image, { pixelRatio: ratio, sdf: sdf ?? false });
    }
    // The tactical signs are SVG: decoded asynchronously, added when ready (tiles then re-layout).
    addTacticalIcons(map, ratio);
  });
  return map;
}
