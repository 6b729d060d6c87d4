import { describe, expect, it } from 'vitest';
import { needsUnit, openIncidentList, waitingSummary } from './incidentModel.ts';
import { incident } from '../../charts/testIncidents.ts';
import { districtsOf, NO_DISTRICT, NO_FILTER } from '../../stores/filters.ts';

const T = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;

describe('incident list', () => {
  const list = [
    incident('p2-old', 'einbruch', { opened: T - 30 * MIN }, { priority: 2 }),
    incident('p1-new', 'raub', { opened: T - MIN }, { priority: 1 }),
    incident('p3', 'ruhestoerung', { opened: T - 60 * MIN }, { priority: 3 }),
    incident('p1-old', 'brand', { opened: T - 20 * MIN }, { priority: 1, district: 'Köln-Süd' }),
    incident('closed', 'brand', { opened: T - 90 * MIN, closed: T - 10 * MIN }, { priority: 1 }),
  ];

  it('shows open incidents by priority, then the oldest first', () => {
    expect(openIncidentList(list, NO_FILTER).map((i) => i.id)).toEqual(['p1-old', 'p1-new', 'p2-old', 'p3']);
  });

  it('puts incidents waiting for a unit first, whatever their priority', () => {
    const served = list.map((i) => (i.id === 'p1-old' || i.id === 'p2-old' ? { ...i, units: ['u1'] } : i));
    expect(openIncidentList(served, NO_FILTER).map((i) => i.id)).toEqual([
      'p1-new',
      'p3',
      'p1-old',
      'p2-old',
    ]);
  });

  it('finds incidents without a district under "ohne Bereich", and lists that entry when needed', () => {
    expect(openIncidentList(list, { ...NO_FILTER, districts: [NO_DISTRICT] }).map((i) => i.id)).toEqual([
      'p1-new',
      'p2-old',
      'p3',
    ]);
    expect(districtsOf([], list)).toEqual(['Köln-Süd', NO_DISTRICT]);
    expect(districtsOf([], list.slice(3, 4))).toEqual(['Köln-Süd']);
    // The region's districts are offered even when nothing is in them yet.
    expect(districtsOf([], list.slice(3, 4), ['Porz', 'Ehrenfeld', 'Köln-Süd'])).toEqual([
      'Ehrenfeld',
      'Köln-Süd',
      'Porz',
    ]);
  });

  it('honours the district and call-type filters', () => {
    expect(openIncidentList(list, { ...NO_FILTER, types: ['raub', 'einbruch'] }).map((i) => i.id)).toEqual([
      'p1-new',
      'p2-old',
    ]);
    expect(openIncidentList(list, { ...NO_FILTER, districts: ['Köln-Süd'] }).map((i) => i.id)).toEqual([
      'p1-old',
    ]);
  });

  it('warns when an open incident has had no unit for the configured minutes', () => {
    const fresh = incident('x', 'raub', { opened: T - 3 * MIN + 1 });
    expect(needsUnit(fresh, T, 3)).toBe(false);
    expect(needsUnit(fresh, T + 1, 3)).toBe(true);
    expect(needsUnit({ ...fresh, units: ['u1'] }, T + MIN, 3)).toBe(false);
    expect(needsUnit(incident('c', 'raub', { opened: 0, closed: 1 }), T, 3)).toBe(false);
  });

  it('counts the incidents waiting for a unit and the longest wait, closed and served ones aside', () => {
    const served = list.map((i) => (i.id === 'p3' ? { ...i, units: ['u1'] } : i));
    // Waiting: p2-old (30 min), p1-new (1 min), p1-old (20 min); p3 has a unit, "closed" is closed.
    expect(waitingSummary(served, T)).toEqual({ waiting: 3, longestMs: 30 * MIN });
    expect(waitingSummary([], T)).toEqual({ waiting: 0, longestMs: null });
  });
});
