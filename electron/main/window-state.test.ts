import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, defaultWindowState, restoreWindowState, type DisplayArea } from './window-state.ts';

const display = (x: number, y: number, width: number, height: number): DisplayArea => ({
  workArea: { x, y, width, height },
});
const primary = display(0, 0, 1920, 1040);
const right = display(1920, 0, 2560, 1400);
const laptop = display(0, 0, 1280, 760);

const saved = (x: number, y: number, width: number, height: number, extra: object = {}) => ({
  bounds: { x, y, width, height },
  ...extra,
});

describe('defaultWindowState', () => {
  it('centres the default size on the primary display', () => {
    expect(defaultWindowState(primary)).toEqual({
      bounds: { x: 240, y: 70, ...DEFAULT_SIZE },
      maximized: false,
      fullScreen: false,
    });
  });

  it('shrinks to the work area of a small screen', () => {
    expect(defaultWindowState(laptop).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 760 });
  });
});

describe('restoreWindowState', () => {
  it('keeps a window that is fully visible where it was', () => {
    const state = restoreWindowState(
      saved(2000, 100, 1600, 1000, { maximized: true }),
      [primary, right],
      primary,
    );
    expect(state).toEqual({
      bounds: { x: 2000, y: 100, width: 1600, height: 1000 },
      maximized: true,
      fullScreen: false,
    });
  });

  it('clamps a window hanging over the edge back into the work area', () => {
    const state = restoreWindowState(saved(1500, 600, 1000, 700), [primary], primary);
    expect(state.bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('moves a window from an unplugged display to the primary display, keeping its size', () => {
    const state = restoreWindowState(saved(2200, 200, 1600, 1000, { fullScreen: true }), [primary], primary);
    expect(state.bounds).toEqual({ x: 160, y: 20, width: 1600, height: 1000 });
    expect(state.fullScreen).toBe(true);
  });

  it('treats a window showing only a sliver as lost', () => {
    const state = restoreWindowState(saved(1900, 500, 1200, 800), [primary], primary);
    expect(state.bounds).toEqual({ x: 360, y: 120, width: 1200, height: 800 });
  });

  it('places a window spanning two displays on the one it overlaps most', () => {
    const state = restoreWindowState(saved(1700, 100, 1200, 800), [primary, right], primary);
    expect(state.bounds).toEqual({ x: 1920, y: 100, width: 1200, height: 800 });
  });

  it('handles displays left of and above the primary (negative coordinates)', () => {
    const left = display(-1600, -200, 1600, 900);
    const state = restoreWindowState(saved(-1500, -150, 1000, 700), [left, primary], primary);
    expect(state.bounds).toEqual({ x: -1500, y: -150, width: 1000, height: 700 });
  });

  it('shrinks a window larger than the laptop screen it now opens on', () => {
    const state = restoreWindowState(saved(0, 0, 2400, 1300), [laptop], laptop);
    expect(state.bounds).toEqual({ x: 0, y: 0, width: 1280, height: 760 });
  });

  it('enforces the minimum size where the screen allows it', () => {
    const state = restoreWindowState(saved(100, 100, 200, 100), [primary], primary);
    expect(state.bounds).toEqual({ x: 100, y: 100, width: 800, height: 600 });
  });

  it.each([
    ['nothing saved', undefined],
    ['garbage', 'not json state'],
    ['missing bounds', { maximized: true }],
    ['NaN coordinates', saved(Number.NaN, 0, 800, 600)],
    ['infinite size', saved(0, 0, Number.POSITIVE_INFINITY, 600)],
    ['zero size', saved(0, 0, 0, 600)],
    ['string numbers', { bounds: { x: '0', y: 0, width: 800, height: 600 } }],
  ])('falls back to the default for %s', (_label, input) => {
    expect(restoreWindowState(input, [primary, right], primary)).toEqual(defaultWindowState(primary));
  });

  it('centres on the primary display when no display is reported at all', () => {
    expect(restoreWindowState(saved(3000, 3000, 1000, 700), [], primary).bounds).toEqual({
      x: 460,
      y: 170,
      width: 1000,
      height: 700,
    });
  });
});
