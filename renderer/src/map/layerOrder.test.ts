import { describe, expect, it } from 'vitest';
import { LAYER_ORDER } from './style.ts';

describe('map layer order', () => {
  it('draws incident markers and their selection ring above every unit layer (clicks: pickHit)', () => {
    for (const incident of ['incidents-symbol', 'incidents-selected'] as const)
      for (const id of LAYER_ORDER.filter((l) => l.startsWith('units-')))
        expect(LAYER_ORDER.indexOf(incident), `${incident} over ${id}`).toBeGreaterThan(
          LAYER_ORDER.indexOf(id),
        );
  });
});
