import { describe, expect, it } from 'vitest';
import { syncCameras } from './cameraSync.ts';

/** A camera that behaves like MapLibre's for this purpose: jumpTo moves it and fires 'move' at once. */
function camera(center: [number, number], zoom: number) {
  const listeners = new Set<() => void>();
  let c = { lng: center[0], lat: center[1] };
  let z = zoom;
  const cam = {
    jumps: 0,
    getCenter: () => c,
    getZoom: () => z,
    getBearing: () => 0,
    getPitch: () => 0,
    jumpTo(o: { center?: { lng: number; lat: number }; zoom?: number }) {
      cam.jumps++;
      if (o.center) c = { ...o.center };
      if (o.zoom !== undefined) z = o.zoom;
      for (const l of [...listeners]) l();
    },
    on: (_: string, l: () => void) => void listeners.add(l),
    off: (_: string, l: () => void) => void listeners.delete(l),
  };
  return cam;
}

describe('linked cameras', () => {
  it('starts B at A, follows either way without echo, and unlinks', () => {
    const a = camera([6.96, 50.94], 12);
    const b = camera([0, 0], 2);
    const unlink = syncCameras(a as never, b as never);
    expect(b.getCenter()).toEqual({ lng: 6.96, lat: 50.94 });
    expect(b.getZoom()).toBe(12);
    a.jumpTo({ center: { lng: 7, lat: 51 }, zoom: 13 });
    expect(b.getCenter()).toEqual({ lng: 7, lat: 51 });
    expect(b.getZoom()).toBe(13);
    b.jumpTo({ zoom: 10 });
    expect(a.getZoom()).toBe(10);
    // One jump each way per move: the follower's own move event does not bounce back.
    expect(a.jumps).toBe(2);
    expect(b.jumps).toBe(3);
    unlink();
    a.jumpTo({ zoom: 5 });
    expect(b.getZoom()).toBe(10);
  });
});
