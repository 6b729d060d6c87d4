/** User settings: language, trails, theme. Persisted in localStorage when it is available. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const TRAIL_MODES = ['off', 'selected', 'all'] as const;
export type TrailMode = (typeof TRAIL_MODES)[number];

export interface Settings {
  language: Language;
  trails: TrailMode;
  theme: 'dark';
}

const KEY = 'lagebild.settings';
const defaults: Settings = { language: 'de', trails: 'selected', theme: 'dark' };

function load(): Settings {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
    if (!raw || typeof raw !== 'object') return defaults;
    const r = raw as Partial<Record<keyof Settings, unknown>>;
    return {
      language: LANGUAGES.find((l) => l === r.language) ?? defaults.language,
      trails: TRAIL_MODES.find((m) => m === r.trails) ?? defaults.trails,
      theme: 'dark',
    };
  } catch {
    return defaults;
  }
}

export interface SettingsState extends Settings {
  setLanguage(language: Language): void;
  setTrails(trails: TrailMode): void;
}

export const settingsStore = createStore<SettingsState>()((set, get) => {
  const save = () => {
    const { language, trails, theme } = get();
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify({ language, trails, theme }));
    } catch {
      // Storage may be full or disabled; the setting still applies for this session.
    }
  };
  return {
    ...load(),
    setLanguage: (language) => {
      set({ language });
      save();
    },
    setTrails: (trails) => {
      set({ trails });
      save();
    },
  };
});

export const useSettings = <T>(select: (s: SettingsState) => T): T => useStore(settingsStore, select);
