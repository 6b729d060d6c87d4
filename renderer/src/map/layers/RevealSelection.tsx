/** Flies to the selection when a list, the search or the alarm asks for it (not on map clicks). */
import { useEffect } from 'react';
import { useMap } from '../mapContext.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { pictureStore } from '../../stores/pictureStore.ts';

const REVEAL_ZOOM = 14;

export function RevealSelection() {
  const map = useMap();
  useEffect(
    () =>
      selectionStore.subscribe((s, prev) => {
        if (s.revealed === prev.revealed || !s.selected) return;
        const { units, incidents } = pictureStore.getState().picture;
        const at =
          s.selected.kind === 'unit' ? units[s.selected.id]?.position : incidents[s.selected.id]?.location;
        if (!at) return;
        map.easeTo({ center: [at.lon, at.lat], zoom: Math.max(map.getZoom(), REVEAL_ZOOM), duration: 500 });
      }),
    [map],
  );
  return null;
}
