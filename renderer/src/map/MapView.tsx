/** The one long-lived map. Children are layer components; they mount once the style has loaded. */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { MapContext } from './mapContext.ts';
import { createMap, type MapStart } from './createMap.ts';
import { exposeDebug } from '../debug/debugHook.ts';
import { useI18n } from '../i18n/i18n.ts';

/**
 * `canvasScale` (default 1): the map is laid out in a container 1/canvasScale of the view's size,
 * drawn at canvasScale times the device pixel ratio and scaled up by CSS, so it keeps every device
 * pixel but loads and lays out the tiles of a screen canvasScale times smaller (a 4K wall at 2: the
 * tiles of a 1920×1080 screen instead of four times as many), with lines and labels canvasScale
 * times larger, as a wall run at that display scaling would show them.
 */
export function MapView({
  children,
  start,
  canvasScale = 1,
}: {
  children?: ReactNode;
  start?: MapStart;
  canvasScale?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  // The start view is read once: the map outlives any later prop change.
  const startRef = useRef(
    canvasScale === 1 ? start : { ...start, pixelRatio: (window.devicePixelRatio || 1) * canvasScale },
  );

  useEffect(() => {
    if (!container.current) return;
    const m = createMap(container.current, startRef.current);
    exposeDebug({ map: m });
    m.on('load', () => setMap(m));
    m.on('error', (e) => setError(e.error?.message ?? String(e)));
    return () => {
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
