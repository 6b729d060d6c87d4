/**
 * The few strings main shows itself (error dialogs before the dashboard exists). Everything else
 * the user reads comes from the renderer's i18n. German first; English for English locales.
 */
export type Lang = 'de' | 'en';

const MESSAGES = {
  de: {
    serverFailedTitle: 'Lagebild kann nicht starten',
    serverFailed: 'Der lokale Lage-Server ließ sich nicht starten.',
    invalidServerUrl: 'Die Adresse in LAGEBILD_SERVER_URL ist ungültig.',
    loadFailed: 'Das Lagebild von {url} ist nicht erreichbar ({reason}). Neuer Versuch in {seconds} s.',
  },
  en: {
    serverFailedTitle: 'Lagebild cannot start',
    serverFailed: 'The local Lage server could not be started.',
    invalidServerUrl: 'The address in LAGEBILD_SERVER_URL is invalid.',
    loadFailed: 'The situation picture at {url} is not reachable ({reason}). Retrying in {seconds} s.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type MessageKey = keyof (typeof MESSAGES)['de'];

export function langFor(locale: string): Lang {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'de';
}

export function message(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
