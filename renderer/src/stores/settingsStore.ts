/** User settings: language, trails, theme, panel thresholds. Persisted in localStorage when it is available. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FmsStatus } from '#shared/domain';
import { DEFAULT_PANEL_SETTINGS, readPanelSettings, type PanelSettings } from './panelSettings.ts';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const TRAIL_MODES = ['off', 'selected', 'all'] as const;
export type TrailMode = (typeof TRAIL_MODES)[number];
export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];
/** Map symbols: German tactical signs (DV 102) or the simple arrows. */
export const SYMBOL_SETS = ['tactical', 'arrows'] as const;
export type SymbolSet = (typeof SYMBOL_SETS)[number];
export type { Thresholds, PanelSettings } from './panelSettings.ts';

export interface Settings extends PanelSettings {
  language: Language;
  trails: TrailMode;
  theme: Theme;
  symbols: SymbolSet;
}

const KEY = 'lagebild.settings';
const defaults: Settings = {
  language: 'de',
  trails: 'selected',
  theme: 'dark',
  symbols: 'tactical',
  ...DEFAULT_PANEL_SETTINGS,
};

function load(): Settings {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
    if (!raw || typeof raw !== 'object') return defaults;
    const r = raw as Partial<Record<keyof Settings, unknown>>;
    return {
      language: LANGUAGES.find((l) => l === r.language) ?? defaults.language,
      trails: TRAIL_MODES.find((m) => m === r.trails) ?? defaults.trails,
      theme: THEMES.find((th) => th === r.theme) ?? defaults.theme,
      symbols: SYMBOL_SETS.find((x) => x === r.symbols) ?? defaults.symbols,
      ...readPanelSettings(r),
    };
  } catch {
    return defaults;
  }
}

export interface SettingsState extends Settings {
  setLanguage(language: Language): void;
  setTrails(trails: TrailMode): void;
  setTheme(theme: Theme): void;
  setSymbols(symbols: SymbolSet): void;
  /** Minutes in a status before its timer turns amber / red; null switches the timer colours off. */
  setThreshold(status: FmsStatus, value: Settings['thresholds'][FmsStatus]): void;
  setUnassignedWarnMin(minutes: number): void;
  setSound(on: boolean): void;
}

export const settingsStore = createStore<SettingsState>()((set, get) => {
  const save = () => {
    const { language, trails, theme, symbols, thresholds, unassignedWarnMin, sound } = get();
    try {
      globalThis.localStorage?.setItem(
        KEY,
        JSON.stringify({ language, trails, theme, symbols, thresholds, unassignedWarnMin, sound }),
      );
    } catch {
      // Storage may be full or disabled; the setting still applies for this session.
    }
  };
  const change = (patch: Partial<Settings>) => {
    set(patch);
    save();
  };
  return {
    ...load(),
    setLanguage: (language) => change({ language }),
    setTrails: (trails) => change({ trails }),
    setTheme: (theme) => change({ theme }),
    setSymbols: (symbols) => change({ symbols }),
    setThreshold: (status, value) => change({ thresholds: { ...get().thresholds, [status]: value } }),
    setUnassignedWarnMin: (minutes) => change({ unassignedWarnMin: minutes }),
    setSound: (sound) => change({ sound }),
  };
});

export const useSettings = <T>(select: (s: SettingsState) => T): T => useStore(settingsStore, select);
