import { describe, expect, it } from 'vitest';
import {
  isSoftwareRenderer,
  legibleFontMm,
  wallCanvasScale,
  wallPixelRatio,
  wallScale,
} from './wallScale.ts';

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

describe('wall pixel ratio', () => {
  it('draws every device pixel with a GPU, the window ratio on a software renderer', () => {
    expect(wallPixelRatio(1, 2, false)).toBe(2);
    expect(wallPixelRatio(1, 2, true)).toBe(1);
    expect(wallPixelRatio(2, 1, true)).toBe(2);
  });

  it('knows software renderers by the names Chromium and Mesa report', () => {
    // Debian's Chromium 156 headless (this project's test browser), read with WEBGL_debug_renderer_info.
    const swiftShader =
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    expect(isSoftwareRenderer(swiftShader)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 630 (CFL GT2), OpenGL 4.6)')).toBe(
      false,
    );
    expect(
      isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)'),
    ).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });
});
