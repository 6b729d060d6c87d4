/**
 * Translation and formatting. Every user-visible string goes through here. Times are shown in the
 * display zone (stores/timeZoneStore.ts): the control room's Europe/Berlin live whatever the
 * machine's zone, an imported dataset's own zone in its replay, or the workstation's on request.
 */
import { de, type MessageKey } from './de.ts';
import { en } from './en.ts';
import { settingsStore, useSettings, type Language } from '../stores/settingsStore.ts';
import { CONTROL_ROOM_ZONE, displayZone, displayZoneOf, useTimeZone } from '../stores/timeZoneStore.ts';
import { zoneLabel } from './zonedTime.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;

const tables: Record<Language, Record<MessageKey, string>> = { de, en };
const locales: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
/** The control room's zone: shifts and live times. */
export const TIME_ZONE = CONTROL_ROOM_ZONE;

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = tables[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, withDate: boolean, zone: string): Intl.DateTimeFormat {
  const id = `${lang}:${withDate}:${zone}`;
  let f = timeFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locales[lang], {
      timeZone: zone,
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

/** hh:mm:ss in the display zone (or the one given). */
export const formatTime = (lang: Language, epochMs: number, zone = displayZone()): string =>
  formatter(lang, false, zone).format(epochMs);
export const formatDateTime = (lang: Language, epochMs: number, zone = displayZone()): string =>
  formatter(lang, true, zone).format(epochMs);

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
  /** The IANA zone times are shown in. */
  zone: string;
  /** That zone named for the UI at an instant: "America/Los_Angeles (GMT-8)". */
  zoneName: (epochMs: number) => string;
  t: (key: MessageKey, params?: Params) => string;
  time: (epochMs: number) => string;
  dateTime: (epochMs: number) => string;
  duration: (ms: number) => string;
  coord: (value: number) => string;
}

const bound = new Map<string, I18n>();
export function i18nFor(lang: Language, zone = displayZone()): I18n {
  const id = `${lang}:${zone}`;
  let i = bound.get(id);
  if (!i) {
    i = {
      lang,
      zone,
      zoneName: (ms) => zoneLabel(lang, zone, ms),
      t: (key, params) => translate(lang, key, params),
      time: (ms) => formatTime(lang, ms, zone),
      dateTime: (ms) => formatDateTime(lang, ms, zone),
      duration: (ms) => formatDuration(lang, ms),
      coord: (v) => formatCoordinate(lang, v),
    };
    bound.set(id, i);
  }
  return i;
}

/** React hook: re-renders the component when the language or the display zone changes. */
export const useI18n = (): I18n =>
  i18nFor(
    useSettings((s) => s.language),
    useTimeZone(displayZoneOf),
  );
