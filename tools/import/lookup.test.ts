/** Lookup (cells.ts) remembers what a cell text gave; a text that gives nothing fails every time. */
import { describe, expect, it } from 'vitest';
import { callTypeLookup, Row, RowError } from './cells.ts';

const index = new Map([['Type', 0]]);
const row = (type: string, line = 2) => new Row(line, [type], index, true);

describe('Lookup', () => {
  it('gives the same value for a text seen before, and keeps failing for one that matches nothing', () => {
    const lookup = callTypeLookup({ column: 'Type', map: { 'MVA*': 'verkehrsunfall', Fire: 'brand' } });
    for (let i = 0; i < 3; i++) {
      expect(lookup.get(row('MVA Freeway'))).toBe('verkehrsunfall');
      expect(lookup.get(row('fire'))).toBe('brand');
      expect(lookup.get(row('Einbruch'))).toBe('einbruch');
      expect(() => lookup.get(row('Aid Response'))).toThrow(RowError);
      expect(() => lookup.get(row('Aid Response'))).toThrow(
        /"Aid Response" matches nothing in incident.type.map/,
      );
      expect(() => lookup.get(row(''))).toThrow(/Type is empty and incident.type has no default/);
    }
    const withDefault = callTypeLookup({ column: 'Type', map: { Fire: 'brand' }, default: 'sonstiges' });
    for (let i = 0; i < 2; i++) {
      expect(withDefault.get(row('Aid Response'))).toBe('sonstiges');
      expect(withDefault.get(row('FIRE'))).toBe('brand');
    }
  });
});
