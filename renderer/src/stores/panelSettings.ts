/**
 * The panels' part of the settings: time-in-status thresholds per FMS status, the minutes after which
 * an incident without a unit is flagged, and the alarm sound. Stored values are checked one by one:
 * a bad entry falls back to its default instead of discarding the rest.
 */
import { FMS_STATUSES, type FmsStatus } from '#shared/domain';

export interface Thresholds {
  /** Minutes in the status before the timer turns amber. */
  amberMin: number;
  /** Minutes before it turns red (at least amberMin). */
  redMin: number;
}

export interface PanelSettings {
  thresholds: Record<FmsStatus, Thresholds | null>;
  unassignedWarnMin: number;
  sound: boolean;
}

/**
 * Defaults for a police shift: an emergency is red at once, a speech request waits at most a few
 * minutes, a unit en route (3) should arrive within a quarter of an hour, work on scene (4) and
 * breaks (6) are watched by the hour. Available units (1, 2) and the free codes have no timer colours.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<FmsStatus, Thresholds | null>> = {
  0: { amberMin: 0, redMin: 0 },
  1: null,
  2: null,
  3: { amberMin: 10, redMin: 20 },
  4: { amberMin: 60, redMin: 120 },
  5: { amberMin: 1, redMin: 3 },
  6: { amberMin: 60, redMin: 120 },
  7: null,
  8: null,
  9: null,
};

export const DEFAULT_PANEL_SETTINGS: PanelSettings = {
  thresholds: { ...DEFAULT_THRESHOLDS },
  unassignedWarnMin: 3,
  sound: true,
};

export const MAX_MINUTES = 24 * 60;
const minutes = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A threshold pair if both are minutes within a day and amber is not after red. */
export function validThresholds(v: unknown): Thresholds | null | undefined {
  if (v === null) return null;
  if (!v || typeof v !== 'object') return undefined;
  const { amberMin, redMin } = v as Partial<Record<keyof Thresholds, unknown>>;
  if (!minutes(amberMin) || !minutes(redMin)) return undefined;
  if (amberMin > redMin || redMin > MAX_MINUTES) return undefined;
  return { amberMin, redMin };
}

export function readPanelSettings(raw: Partial<Record<keyof PanelSettings, unknown>>): PanelSettings {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const stored = raw.thresholds && typeof raw.thresholds === 'object' ? raw.thresholds : {};
  for (const s of FMS_STATUSES) {
    const v = validThresholds((stored as Record<string, unknown>)[String(s)]);
    if (v !== undefined) thresholds[s] = v;
  }
  const warn = raw.unassignedWarnMin;
  return {
    thresholds,
    unassignedWarnMin: minutes(warn) && warn <= MAX_MINUTES ? warn : DEFAULT_PANEL_SETTINGS.unassignedWarnMin,
    sound: typeof raw.sound === 'boolean' ? raw.sound : DEFAULT_PANEL_SETTINGS.sound,
  };
}
