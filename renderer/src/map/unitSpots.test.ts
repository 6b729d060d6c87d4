import { describe, expect, it } from 'vitest';
import type { Unit } from '#shared/domain';
import { SLOTS, SLOT_OFFSET, UnitSpots, slotOffset } from './unitSpots.ts';
import { UnitDiffer } from './unitDiff.ts';

const T0 = Date.UTC(2026, 11, 7, 8, 0, 0);
const STATION = { lat: 50.9375, lon: 6.9603 };
const unit = (id: string, at = STATION): Unit => ({
  id,
  callsign: `K ${id}`,
  kind: 'funkstreifenwagen',
  district: 'Köln-Innenstadt',
  status: 2,
  statusSince: T0,
  position: { ...at, time: T0 },
});

describe('units at one spot are spread around it', () => {
  it('gives each unit at a spot its own slot, the first on the spot, and keeps slots while units stay', () => {
    const s = new UnitSpots();
    expect(s.place('a', 6.9603, 50.9375)).toBe(0);
    expect(s.place('b', 6.9603, 50.9375)).toBe(1);
    // A few metres off in the same yard is the same spot.
    expect(s.place('c', 6.96035, 50.93752)).toBe(2);
    // Staying (or moving within the spot) keeps the slot.
    expect(s.place('b', 6.9603, 50.9375)).toBe(1);
    // The one on the spot drives off: nobody else moves, and the next arrival takes the free slot 0.
    expect(s.place('a', 6.98, 50.95)).toBe(0);
    expect(s.place('c', 6.96035, 50.93752)).toBe(2);
    expect(s.place('d', 6.9603, 50.9375)).toBe(0);
    s.leave('b');
    expect(s.place('e', 6.9603, 50.9375)).toBe(1);
  });

  it('draws slots as distinct offsets around the spot, nearest first, wrapping beyond the block', () => {
    expect(slotOffset(0)).toEqual([0, 0]);
    const offsets = SLOTS.map((o) => o.join(','));
    expect(new Set(offsets).size).toBe(25);
    const dist = SLOTS.map(([x, y]) => Math.hypot(x, y));
    expect(dist).toEqual([...dist].sort((a, b) => a - b));
    // The ring next to the spot is one icon away (no overlap of 44 × 30 tactical signs).
    expect(
      Math.min(...SLOTS.slice(1).map(([x, y]) => Math.max(Math.abs(x) / 44, Math.abs(y) / 30))),
    ).toBeGreaterThanOrEqual(1);
    expect(slotOffset(25)).toEqual(slotOffset(1));
    expect(slotOffset(-1)).toEqual([0, 0]);
    // The layer's expression says the same as slotOffset for every slot.
    const expr = SLOT_OFFSET as unknown as unknown[];
    for (let slot = 1; slot < SLOTS.length; slot++) {
      const i = expr.indexOf(slot, 2);
      expect(expr[i + 1]).toEqual(['literal', [...slotOffset(slot)]]);
    }
  });

  it('the map source gets each stacked unit with its slot; a unit leaving frees its slot', () => {
    const d = new UnitDiffer();
    const units: Record<string, Unit> = { a: unit('a'), b: unit('b'), c: unit('c') };
    const first = d.diff(units, T0, 60_000, 'de');
    expect(first?.add?.map((f) => [f.id, f.properties?.['slot']])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    // b drives off: only b changes; it is alone where it is now.
    const moved = { ...units, b: unit('b', { lat: 50.95, lon: 6.99 }) };
    expect(d.diff(moved, T0 + 1000, 60_000, 'de')?.add?.map((f) => [f.id, f.properties?.['slot']])).toEqual([
      ['b', 0],
    ]);
    // Time passing (fix ages) keeps the slots.
    const aged = d.refreshAges(T0 + 10 * 60_000, 60_000, 'de');
    expect(aged?.add?.map((f) => [f.id, f.properties?.['slot']])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 2],
    ]);
    // A fourth car arrives at the station: it takes b's old slot, nobody else moves.
    const arrived = { ...moved, d: unit('d') };
    expect(d.diff(arrived, T0 + 2000, 60_000, 'de')?.add?.map((f) => [f.id, f.properties?.['slot']])).toEqual(
      [['d', 1]],
    );
  });
});
