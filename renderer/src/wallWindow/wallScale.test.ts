import { describe, expect, it } from 'vitest';
import { legibleFontMm, wallCanvasScale, wallScale } from './wallScale.ts';

describe('wallScale', () => {
  it('makes a 12 px label legible from 4 m on an 86" 3840×2160 wall at pixel ratio 1', () => {
    const s = wallScale({ cssWidth: 3840, devicePixelRatio: 1 });
    const labelMm = 12 * s.text * (1900 / 3840);
    // 16 arc minutes at 4 m: capitals of 18.6 mm, a font of 26 mm.
    expect(legibleFontMm(4000)).toBeCloseTo(26.1, 1);
    expect(labelMm).toBeGreaterThanOrEqual(26);
    expect(s.icon).toBeGreaterThan(1);
  });

  it('gives the same physical size when the wall runs at pixel ratio 2', () => {
    const at1 = wallScale({ cssWidth: 3840, devicePixelRatio: 1 });
    const at2 = wallScale({ cssWidth: 1920, devicePixelRatio: 2 });
    expect(12 * at1.text * (1900 / 3840)).toBeCloseTo(12 * at2.text * (1900 / 1920), 0);
  });

  it('grows with the viewing distance and shrinks with a larger screen', () => {
    const near = wallScale({ cssWidth: 3840, devicePixelRatio: 1, viewingDistanceMm: 3000 });
    const far = wallScale({ cssWidth: 3840, devicePixelRatio: 1, viewingDistanceMm: 5000 });
    expect(far.text).toBeGreaterThan(near.text);
    const big = wallScale({ cssWidth: 3840, devicePixelRatio: 1, screenWidthMm: 2400 });
    expect(big.text).toBeLessThan(wallScale({ cssWidth: 3840, devicePixelRatio: 1 }).text);
  });

  it('never shrinks below the desk size', () => {
    expect(wallScale({ cssWidth: 800, devicePixelRatio: 1 })).toEqual({ text: 1.4, icon: 1.12 });
  });

  it('draws the map of a wall twice a desk screen wide at canvas scale 2: the tiles of a desk screen', () => {
    expect([1280, 1920, 2560, 3839].map(wallCanvasScale)).toEqual([1, 1, 1, 1]);
    expect([3840, 5120].map(wallCanvasScale)).toEqual([2, 2]);
    expect([7680, 15360].map(wallCanvasScale)).toEqual([4, 4]);
    // Label sizes measured in the scaled map's pixels come out the same size on the screen.
    const direct = wallScale({ cssWidth: 3840, devicePixelRatio: 1 });
    const scaled = wallScale({ cssWidth: 3840 / 2, devicePixelRatio: 2 });
    expect(scaled.text * 2).toBeCloseTo(direct.text, 1);
  });
});
