/**
 * Translation and formatting. Every user-visible string goes through here; times are shown in
 * Europe/Berlin whatever the machine's zone, because the control room works in German local time.
 */
import { de, type MessageKey } from './de.ts';
import { en } from './en.ts';
import { settingsStore, useSettings, type Language } from '../stores/settingsStore.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;

const tables: Record<Language, Record<MessageKey, string>> = { de, en };
const locales: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
export const TIME_ZONE = 'Europe/Berlin';

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = tables[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, withDate: boolean): Intl.DateTimeFormat {
  const id = `${lang}:${withDate}`;
  let f = timeFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locales[lang], {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(withDate ? { day: '2-digit', month: '2-digit', year: 'numeric' } : {}),
    });
    timeFormats.set(id, f);
  }
  return f;
}

/** hh:mm:ss in Europe/Berlin. */
export const formatTime = (lang: Language, epochMs: number): string => formatter(lang, false).format(epochMs);
export const formatDateTime = (lang: Language, epochMs: number): string =>
  formatter(lang, true).format(epochMs);

/** A coarse duration: "12 s", "4 min", "3 h", "2 d". Negative durations (clock skew) count as 0. */
export function formatDuration(lang: Language, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return translate(lang, 'time.seconds', { n: s });
  if (s < 3600) return translate(lang, 'time.minutes', { n: Math.floor(s / 60) });
  if (s < 86_400) return translate(lang, 'time.hours', { n: Math.floor(s / 3600) });
  return translate(lang, 'time.days', { n: Math.floor(s / 86_400) });
}

export function formatCoordinate(lang: Language, value: number): string {
  return value.toLocaleString(locales[lang], { minimumFractionDigits: 5, maximumFractionDigits: 5 });
}

/** The current language, for code outside React (map feature labels). */
export const currentLanguage = (): Language => settingsStore.getState().language;
export const t = (key: MessageKey, params?: Params): string => translate(currentLanguage(), key, params);

export interface I18n {
  lang: Language;
  t: (key: MessageKey, params?: Params) => string;
  time: (epochMs: number) => string;
  dateTime: (epochMs: number) => string;
  duration: (ms: number) => string;
  coord: (value: number) => string;
}

const bound = new Map<Language, I18n>();
export function i18nFor(lang: Language): I18n {
  let i = bound.get(lang);
  if (!i) {
    i = {
      lang,
      t: (key, params) => translate(lang, key, params),
      time: (ms) => formatTime(lang, ms),
      dateTime: (ms) => formatDateTime(lang, ms),
      duration: (ms) => formatDuration(lang, ms),
      coord: (v) => formatCoordinate(lang, v),
    };
    bound.set(lang, i);
  }
  return i;
}

/** React hook: re-renders the component when the language changes. */
export const useI18n = (): I18n => i18nFor(useSettings((s) => s.language));
