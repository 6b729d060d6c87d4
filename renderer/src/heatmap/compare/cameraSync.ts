/**
 * Keeps two maps on the same camera: moving either moves the other (no echo back). Returns the
 * function that unlinks them.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';

type Camera = Pick<
  MaplibreMap,
  'getCenter' | 'getZoom' | 'getBearing' | 'getPitch' | 'jumpTo' | 'on' | 'off'
>;

export function syncCameras(a: Camera, b: Camera): () => void {
  let syncing = false;
  const follow = (from: Camera, to: Camera) => () => {
    if (syncing) return;
    syncing = true;
    try {
      to.jumpTo({
        center: from.getCenter(),
        zoom: from.getZoom(),
        bearing: from.getBearing(),
        pitch: from.getPitch(),
      });
    } finally {
      syncing = false;
    }
  };
  const ab = follow(a, b);
  const ba = follow(b, a);
  a.on('move', ab);
  b.on('move', ba);
  ab();
  return () => {
    a.off('move', ab);
    b.off('move', ba);
  };
}
