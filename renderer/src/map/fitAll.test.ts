import { describe, expect, it } from 'vitest';
import { FIT_ANYWAY_MS, readyToFit } from './fitAll.ts';

const at = { lat: 50.94, lon: 6.96, time: 0 };
const units = (positioned: number, total: number) =>
  Array.from({ length: total }, (_, i) => (i < positioned ? { position: at } : {}));

describe('readyToFit (the first automatic fit)', () => {
  it('waits on a first start while the units have not reported positions yet', () => {
    expect(readyToFit(units(0, 60), 0)).toBe(false);
    expect(readyToFit(units(5, 60), 1_000)).toBe(false);
  });

  it('fits once half the units have positions, or any after a while, or when there are no units', () => {
    expect(readyToFit(units(30, 60), 0)).toBe(true);
    expect(readyToFit(units(5, 60), FIT_ANYWAY_MS)).toBe(true);
    expect(readyToFit(units(0, 60), FIT_ANYWAY_MS * 10)).toBe(false);
    expect(readyToFit([], 0)).toBe(true);
  });
});
