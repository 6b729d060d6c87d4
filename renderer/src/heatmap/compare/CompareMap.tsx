/**
 * One map of the side-by-side comparison: its own MapLibre map (built-in or configured basemap
 * under it), started at the camera it is given; children are layer components, like in MapView.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { MapContext } from '../../map/mapContext.ts';
import { createMap, type MapStart } from '../../map/createMap.ts';

export function CompareMap(p: {
  testId: string;
  start: MapStart;
  onMap(map: MaplibreMap | null): void;
  children?: ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  // Read once: the map outlives later renders.
  const first = useRef({ start: p.start, onMap: p.onMap });
  useEffect(() => {
    if (!container.current) return;
    const { start, onMap } = first.current;
    const m = createMap(container.current, start);
    m.on('load', () => {
      setMap(m);
      onMap(m);
    });
    return () => {
      onMap(null);
      setMap(null);
      m.remove();
    };
  }, []);
  return (
    <div className="compare-map">
      <div
        className="map-canvas"
        ref={container}
        data-testid={p.testId}
        data-ready={map ? 'true' : 'false'}
      />
      {map && <MapContext.Provider value={map}>{p.children}</MapContext.Provider>}
    </div>
  );
}
