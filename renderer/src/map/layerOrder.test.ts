import { describe, expect, it } from 'vitest';
import { LAYER_ORDER } from './style.ts';

describe('map layer order', () => {
  it('draws incident markers above every unit layer, so units on scene never hide them', () => {
    const incidents = LAYER_ORDER.indexOf('incidents-symbol');
    for (const id of LAYER_ORDER.filter((l) => l.startsWith('units-')))
      expect(incidents, id).toBeGreaterThan(LAYER_ORDER.indexOf(id));
  });
});
