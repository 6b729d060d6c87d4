/** The one long-lived map. Children are layer components; they mount once the style has loaded. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { MapContext } from './mapContext.ts';
import { createMap, type MapStart } from './createMap.ts';
import { exposeDebug } from '../debug/debugHook.ts';
import { useI18n } from '../i18n/i18n.ts';

export function MapView({ children, start }: { children?: ReactNode; start?: MapStart }) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  // The start view is read once: the map outlives any later prop change.
  const startRef = useRef(start);

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
      <div className="map-canvas" ref={container} data-testid="map" data-ready={map ? 'true' : 'false'} />
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
