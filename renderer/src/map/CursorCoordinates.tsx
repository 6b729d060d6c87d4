/** Coordinates under the cursor, written straight to the DOM: mouse moves never re-render React. */
import { useEffect, useRef } from 'react';
import type { MapMouseEvent } from 'maplibre-gl';
import { useMap } from './mapContext.ts';
import { useI18n } from '../i18n/i18n.ts';

export function CursorCoordinates() {
  const map = useMap();
  const out = useRef<HTMLDivElement>(null);
  const { t, coord } = useI18n();
  useEffect(() => {
    let frame = 0;
    let last: MapMouseEvent | null = null;
    const write = () => {
      frame = 0;
      if (out.current && last) {
        out.current.textContent = t('map.cursor', {
          lat: coord(last.lngLat.lat),
          lon: coord(last.lngLat.lng),
        });
      }
    };
    const onMove = (e: MapMouseEvent) => {
      last = e;
      if (!frame) frame = requestAnimationFrame(write);
    };
    map.on('mousemove', onMove);
    return () => {
      map.off('mousemove', onMove);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [map, t, coord]);
  return <div className="cursor-coords" data-testid="cursor-coordinates" ref={out} />;
}
