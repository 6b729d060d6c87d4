import { describe, expect, it } from 'vitest';
import { normalize, search } from './searchModel.ts';
import { unit } from '../../testing/units.ts';
import { incident } from '../../charts/testIncidents.ts';

const units = [unit('a', 2, 0, { callsign: 'K 11/12' }), unit('b', 2, 0, { callsign: 'BN 21/12' })];
const incidents = [
  incident('i1', 'einbruch', { opened: 0 }, { number: '2026-000112', address: 'Kölner Straße 5, Bonn' }),
  incident('i2', 'brand', { opened: 0 }, { number: '2026-000200', address: 'Aachener Str. 12' }),
];
const found = (q: string) => search(units, incidents, q).map((h) => `${h.kind}:${h.id}`);

describe('search', () => {
  it('finds callsigns ignoring case, spaces and slashes; prefix matches first', () => {
    expect(found('k1112')).toEqual(['unit:a']);
    expect(found('11/12')).toEqual(['unit:a']);
    // All contain "12" (none starts with it), by label; the address match comes last.
    expect(found('12')).toEqual(['incident:i1', 'unit:b', 'unit:a', 'incident:i2']);
  });

  it('finds incident numbers and addresses by words, with umlauts and Straße spelled any way', () => {
    expect(found('000112')).toEqual(['incident:i1']);
    expect(found('koelner str')).toEqual(['incident:i1']);
    expect(found('Kölner Straße')).toEqual(['incident:i1']);
    expect(found('aachener strasse 12')).toEqual(['incident:i2']);
    expect(found('bonn kölner')).toEqual(['incident:i1']);
  });

  it('finds nothing for nothing', () => {
    expect(found('')).toEqual([]);
    expect(found('  / ')).toEqual([]);
    expect(found('zzz')).toEqual([]);
  });

  it('normalises German spellings', () => {
    expect(normalize('Große Übungsstraße')).toBe('grosse uebungsstr');
  });
});
