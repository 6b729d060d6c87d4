import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PANEL_SETTINGS,
  DEFAULT_THRESHOLDS,
  readPanelSettings,
  validThresholds,
} from './panelSettings.ts';

describe('panel settings from storage', () => {
  it('keeps valid stored values and falls back per entry for bad ones', () => {
    const s = readPanelSettings({
      thresholds: { '3': { amberMin: 5, redMin: 8 }, '4': { amberMin: 9, redMin: 2 }, '6': null, '5': 'x' },
      unassignedWarnMin: 7,
      sound: false,
    });
    expect(s.thresholds[3]).toEqual({ amberMin: 5, redMin: 8 });
    expect(s.thresholds[4]).toEqual(DEFAULT_THRESHOLDS[4]); // amber after red: refused
    expect(s.thresholds[6]).toBeNull(); // switched off on purpose
    expect(s.thresholds[5]).toEqual(DEFAULT_THRESHOLDS[5]);
    expect(s.unassignedWarnMin).toBe(7);
    expect(s.sound).toBe(false);
  });

  it('uses the defaults for missing or nonsense settings', () => {
    expect(readPanelSettings({})).toEqual(DEFAULT_PANEL_SETTINGS);
    expect(readPanelSettings({ thresholds: 4, unassignedWarnMin: -1, sound: 'yes' })).toEqual(
      DEFAULT_PANEL_SETTINGS,
    );
  });

  it('accepts minutes within a day, amber not after red', () => {
    expect(validThresholds({ amberMin: 0, redMin: 0 })).toEqual({ amberMin: 0, redMin: 0 });
    expect(validThresholds({ amberMin: 1, redMin: 1441 })).toBeUndefined();
    expect(validThresholds({ amberMin: Number.NaN, redMin: 3 })).toBeUndefined();
    expect(validThresholds(null)).toBeNull();
  });
});
