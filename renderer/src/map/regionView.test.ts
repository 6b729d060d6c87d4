import { describe, expect, it, vi } from 'vitest';
import { isRegion, openOnRegion, rememberDefaultView } from './regionView.ts';

/** A camera as MapLibre keeps it: fitBounds moves it (to the box's middle). */
function fakeMap(lng = 7.4, lat = 51.45, zoom = 7) {
  const cam = { lng, lat, zoom };
  return {
    cam,
    getCenter: () => ({ lng: cam.lng, lat: cam.lat }),
    getZoom: () => cam.zoom,
    fitBounds: vi.fn((b: [number, number, number, number]) => {
      cam.lng = (b[0] + b[2]) / 2;
      cam.lat = (b[1] + b[3]) / 2;
      cam.zoom = 10;
    }),
  };
}

const KOELN = [6.77, 50.83, 7.16, 51.08];

describe('opening on the basemap region', () => {
  it('frames the region on a map that still shows its default view, once', () => {
    const map = fakeMap();
    rememberDefaultView(map as never);
    expect(openOnRegion(map as never, KOELN)).toBe(true);
    expect(map.fitBounds).toHaveBeenCalledWith(KOELN, { padding: 20, duration: 0 });
    // A later basemap change (settings saved) does not throw the operator's view away.
    expect(openOnRegion(map as never, [8, 50, 9, 51])).toBe(false);
    expect(map.fitBounds).toHaveBeenCalledTimes(1);
  });

  it('keeps a view that a fit, the operator or a chosen start view set', () => {
    const fitted = fakeMap();
    rememberDefaultView(fitted as never);
    fitted.cam.zoom = 11.3; // the first picture was fitted before the basemap summary came
    expect(openOnRegion(fitted as never, KOELN)).toBe(false);
    const chosen = fakeMap(6.9, 50.9, 12); // e.g. the heatmap comparison's own start view
    expect(openOnRegion(chosen as never, KOELN)).toBe(false);
    expect(fitted.fitBounds).not.toHaveBeenCalled();
    expect(chosen.fitBounds).not.toHaveBeenCalled();
  });

  it('takes only a real region: not the world, not a broken box', () => {
    expect(isRegion(KOELN)).toBe(true);
    expect(isRegion([-180, -85, 180, 85])).toBe(false);
    expect(isRegion([7, 51, 6, 52])).toBe(false);
    expect(isRegion([7, 51, Number.NaN, 52])).toBe(false);
    expect(isRegion(null)).toBe(false);
    const map = fakeMap();
    rememberDefaultView(map as never);
    expect(openOnRegion(map as never, [-180, -85, 180, 85])).toBe(false);
  });
});
