/**
 * The one long-lived map. Children are layer components; they mount once the style has loaded
 * (`style.load`, before its first tiles), and `data-ready` turns true then.
 */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { MapContext } from './mapContext.ts';
import { createMap, type MapStart } from './createMap.ts';
import { startingBasemap } from './startingBasemap.ts';
import { tacticalIcons } from './tacticalIcons.ts';
import { exposeDebug } from '../debug/debugHook.ts';
import { useI18n } from '../i18n/i18n.ts';
import { settingsStore } from '../stores/settingsStore.ts';

/**
 * `canvasScale` (default 1): the map is laid out in a container 1/canvasScale of the view's size,
 * drawn at canvasScale times the device pixel ratio and scaled up by CSS, so it keeps every device
 * pixel but loads and lays out the tiles of a screen canvasScale times smaller (a 4K wall at 2: the
 * tiles of a 1920×1080 screen instead of four times as many), with lines and labels canvasScale
 * times larger, as a wall run at that display scaling would show them.
 *
 * `onBasemap`: the map is created on the server's basemap (startingBasemap.ts) once its style is
 * known, instead of on the built-in style with a switch after `load`; needs a ConfiguredBasemap
 * child, which takes over from there.
 */
export function MapView({
  children,
  start,
  canvasScale = 1,
  onBasemap = false,
}: {
  children?: ReactNode;
  start?: MapStart;
  canvasScale?: number;
  onBasemap?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  // The start view is read once: the map outlives any later prop change.
  // A start view's own pixelRatio wins (a wall on a software renderer draws fewer pixels).
  const startRef = useRef(
    canvasScale === 1 ? start : { pixelRatio: (window.devicePixelRatio || 1) * canvasScale, ...start },
  );

  // Read once, as the map is created once.
  const onBasemapRef = useRef(onBasemap);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let m: MaplibreMap | undefined;
    let gone = false;
    const create = (basemap?: Parameters<typeof createMap>[2]) => {
      if (gone) return;
      m = createMap(el, startRef.current, basemap);
      const made = m;
      exposeDebug({ map: made });
      // The layers mount once the style is there, not after the first tiles (`load`, which also
      // waits for the units' and incidents' sources): they go to MapLibre's worker beside the
      // basemap's tiles instead of after them.
      made.once('style.load', () => setMap(made));
      made.on('error', (e) => setError(e.error?.message ?? String(e)));
    };
    if (onBasemapRef.current) {
      // While the basemap's style travels, the map images are drawn for the map's pixel ratio
      // (createMap adds them at `style.load`; tacticalIcons draws them once per page).
      tacticalIcons(startRef.current?.pixelRatio ?? (window.devicePixelRatio || 1)).catch(() => undefined);
      void startingBasemap(settingsStore.getState().theme).then((b) => create(b ?? undefined));
    } else create();
    return () => {
      gone = true;
      if (!m) return;
      exposeDebug({ map: undefined });
      setMap(null);
      m.remove();
    };
  }, []);

  return (
    <div className="map-view">
      <div
        className="map-canvas"
        ref={container}
        data-testid="map"
        data-ready={map ? 'true' : 'false'}
        style={canvasScale === 1 ? undefined : scaledCanvas(canvasScale)}
      />
      {!map && <div className="map-status">{t('map.loading')}</div>}
      {error && (
        <div className="map-status map-error" role="alert">
          {t('map.error', { detail: error })}
        </div>
      )}
      {map && <MapContext.Provider value={map}>{children}</MapContext.Provider>}
    </div>
  );
}

const scaledCanvas = (scale: number): CSSProperties => ({
  right: 'auto',
  bottom: 'auto',
  width: `${100 / scale}%`,
  height: `${100 / scale}%`,
  transform: `scale(${scale})`,
  transformOrigin: '0 0',
});
