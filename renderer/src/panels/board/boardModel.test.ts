import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../stores/filters.ts';
import { DEFAULT_THRESHOLDS } from '../../stores/panelSettings.ts';
import { boardRows, formatTimer, groupByStatus, statusCounts, timerLevel } from './boardModel.ts';
import { unit } from '../../testing/units.ts';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);
const units = [
  unit('11/12', 3, NOW - 5 * MIN),
  unit('11/13', 3, NOW - 12 * MIN),
  unit('21/01', 2, NOW - 60 * MIN, { district: 'Köln-Süd' }),
  unit('31/01', 0, NOW - 10_000),
  unit('41/01', 5, NOW - 2 * MIN),
  unit('51/01', 3, NOW - 25 * MIN, { kind: 'motorrad' }),
];
const ids = (g: { units: { id: string }[] }) => g.units.map((u) => u.id);

describe('grouping', () => {
  it('puts emergency, speech request and committed before the free units; longest in status first', () => {
    const groups = groupByStatus(units, NO_FILTER);
    expect(groups.map((g) => g.status)).toEqual([0, 5, 3, 2]);
    expect(groups.map(ids)).toEqual([['31/01'], ['41/01'], ['51/01', '11/13', '11/12'], ['21/01']]);
  });

  it('breaks ties in time by callsign', () => {
    const same = [unit('b', 2, NOW), unit('a', 2, NOW)];
    expect(groupByStatus(same, NO_FILTER).map(ids)).toEqual([['a', 'b']]);
  });

  it('applies the district and kind filters', () => {
    expect(groupByStatus(units, { ...NO_FILTER, kinds: ['motorrad'] }).map(ids)).toEqual([['51/01']]);
    expect(groupByStatus(units, { ...NO_FILTER, districts: ['Köln-Süd'] }).map(ids)).toEqual([['21/01']]);
    expect(groupByStatus(units, { ...NO_FILTER, districts: ['Bonn'] })).toEqual([]);
  });

  it('counts per status, zero included', () => {
    expect(statusCounts(units)).toEqual({ 0: 1, 1: 0, 2: 1, 3: 3, 4: 0, 5: 1, 6: 0, 7: 0, 8: 0, 9: 0 });
  });

  it('leaves the units of collapsed groups out of the rows but keeps their header and count', () => {
    const rows = boardRows(groupByStatus(units, NO_FILTER), new Set([3 as const]));
    expect(rows.map((r) => (r.kind === 'header' ? `h${r.status}:${r.count}` : r.unit.id))).toEqual([
      'h0:1',
      '31/01',
      'h5:1',
      '41/01',
      'h3:3',
      'h2:1',
      '21/01',
    ]);
  });
});

describe('time-in-status timers', () => {
  it('turn amber and red at the thresholds (inclusive), per status', () => {
    const t3 = DEFAULT_THRESHOLDS[3]; // 10 / 20 min
    expect(timerLevel(10 * MIN - 1, t3)).toBe('none');
    expect(timerLevel(10 * MIN, t3)).toBe('amber');
    expect(timerLevel(20 * MIN - 1, t3)).toBe('amber');
    expect(timerLevel(20 * MIN, t3)).toBe('red');
    expect(timerLevel(0, DEFAULT_THRESHOLDS[0])).toBe('red');
    expect(timerLevel(90 * 60 * MIN, DEFAULT_THRESHOLDS[2])).toBe('none');
    expect(timerLevel(2 * MIN, { amberMin: 1, redMin: 3 })).toBe('amber');
  });

  it('read as m:ss under an hour and h:mm:ss above', () => {
    expect(formatTimer(5 * MIN)).toBe('5:00');
    expect(formatTimer(25 * MIN + 9_999)).toBe('25:09');
    expect(formatTimer(3_725_000)).toBe('1:02:05');
    expect(formatTimer(-4000)).toBe('0:00');
  });
});
