import { describe, expect, it } from 'vitest';
import {
  WALL_LAYOUTS,
  WALL_LAYOUT_TITLES,
  currentView,
  cycleAt,
  isWallMode,
  parseWallParams,
} from './layouts.ts';
import { de } from '../i18n/de.ts';

describe('wall parameters', () => {
  it('recognises wall mode only for mode=wall', () => {
    expect(isWallMode('?mode=wall&layout=status')).toBe(true);
    expect(isWallMode('?mode=operator')).toBe(false);
    expect(isWallMode('')).toBe(false);
  });

  it('takes a known layout and a cycle in range', () => {
    expect(parseWallParams('?mode=wall&layout=einsaetze&cycle=30')).toEqual({
      layout: 'einsaetze',
      unknownLayout: null,
      cycleS: 30,
      badCycle: null,
    });
  });

  it('falls back to the map for a missing or unknown layout and names the unknown one', () => {
    expect(parseWallParams('?mode=wall').layout).toBe('lage');
    expect(parseWallParams('?mode=wall').unknownLayout).toBeNull();
    expect(parseWallParams('?mode=wall&layout=overview')).toMatchObject({
      layout: 'lage',
      unknownLayout: 'overview',
    });
  });

  it('refuses cycles that are not whole seconds between 10 and 3600', () => {
    for (const bad of ['5', '0', '3601', '12.5', '-20', 'abc', ''])
      expect(parseWallParams(`?cycle=${bad}`), bad).toMatchObject({ cycleS: null, badCycle: bad });
    expect(parseWallParams('?cycle=10').cycleS).toBe(10);
    expect(parseWallParams('?cycle=3600').cycleS).toBe(3600);
  });

  it('every layout has a title in the tables', () => {
    for (const id of WALL_LAYOUTS) expect(de[WALL_LAYOUT_TITLES[id]]).toBeTruthy();
  });
});

describe('cycling', () => {
  it('starts on the chosen layout and steps through the registry, wrapping', () => {
    expect(cycleAt('status', 20, 0)).toEqual({ layout: 'status', progress: 0, remainingMs: 20_000 });
    expect(cycleAt('status', 20, 19_999).layout).toBe('status');
    expect(cycleAt('status', 20, 20_000).layout).toBe('einsaetze');
    expect(cycleAt('status', 20, 40_000).layout).toBe('heatmap');
    expect(cycleAt('status', 20, 60_000).layout).toBe('lage');
    expect(cycleAt('status', 20, 80_000).layout).toBe('status');
  });

  it('reports progress and remaining time within a view', () => {
    expect(cycleAt('lage', 10, 12_500)).toEqual({ layout: 'status', progress: 0.25, remainingMs: 7_500 });
    expect(cycleAt('lage', 10, -5)).toMatchObject({ layout: 'lage', progress: 0 });
  });
});

describe('the view shown now', () => {
  const fixed = parseWallParams('?layout=einsaetze');
  const cycling = parseWallParams('?layout=heatmap&cycle=15');

  it('is the chosen layout when not cycling', () => {
    expect(currentView(fixed, 999_999, false)).toEqual({ layout: 'einsaetze', cycle: null });
  });

  it('cycles with the next view named', () => {
    expect(currentView(cycling, 16_000, false)).toEqual({
      layout: 'lage',
      cycle: { layout: 'lage', next: 'status', progress: 1 / 15, remainingMs: 14_000 },
    });
  });

  it('shows the map and pauses the indicator while a "send to wall" focus lasts', () => {
    expect(currentView(cycling, 16_000, true)).toEqual({ layout: 'lage', cycle: null });
    expect(currentView(fixed, 0, true)).toEqual({ layout: 'lage', cycle: null });
  });
});
