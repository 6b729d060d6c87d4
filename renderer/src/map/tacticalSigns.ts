/**
 * German tactical signs (DV 102 "taktische Zeichen") for unit kinds and incident types, drawn by
 * the MIT-licensed `taktische-zeichen-core` as SVG text. Everything is generated in the page: the
 * sign's font is embedded in the SVG as a data URL, so nothing is fetched.
 *
 * We read `toString()`, never the library's `dataUrl` getter: that getter logs the whole SVG (with
 * its embedded font) to the console on every call.
 */
import { erzeugeTaktischesZeichen, type TaktischesZeichen } from 'taktische-zeichen-core';
import { CALL_TYPES, UNIT_KINDS, type CallType, type UnitKind } from '#shared/domain';

const KFZ = 'kraftfahrzeug-landgebunden';

/** Police units in police green, fire brigade in red, EMS (Rettungsdienst) as aid organisations. */
export const UNIT_SIGNS: Readonly<Record<UnitKind, TaktischesZeichen>> = {
  funkstreifenwagen: { grundzeichen: KFZ, organisation: 'polizei' },
  zivilfahrzeug: { grundzeichen: KFZ, organisation: 'polizei', text: 'Ziv' },
  motorrad: { grundzeichen: 'kraftrad', organisation: 'polizei' },
  hubschrauber: { grundzeichen: 'hubschrauber', organisation: 'polizei' },
  gefangenentransporter: { grundzeichen: KFZ, organisation: 'polizei', fachaufgabe: 'transport' },
  diensthundefuehrer: { grundzeichen: 'person', organisation: 'polizei', text: 'DH' },
  fussstreife: { grundzeichen: 'person', organisation: 'polizei' },
  handfunkgeraet: { grundzeichen: 'person', organisation: 'polizei', fachaufgabe: 'iuk' },
  loeschfahrzeug: { grundzeichen: KFZ, organisation: 'feuerwehr', fachaufgabe: 'brandbekaempfung' },
  drehleiter: { grundzeichen: KFZ, organisation: 'feuerwehr', fachaufgabe: 'hoehenrettung' },
  rettungswagen: { grundzeichen: KFZ, organisation: 'hilfsorganisation', fachaufgabe: 'rettungswesen' },
  notarzteinsatzfahrzeug: {
    grundzeichen: KFZ,
    organisation: 'hilfsorganisation',
    fachaufgabe: 'aerztliche-versorgung',
  },
  krankentransportwagen: { grundzeichen: KFZ, organisation: 'hilfsorganisation', fachaufgabe: 'transport' },
  einsatzleitwagen: { grundzeichen: KFZ, organisation: 'feuerwehr', fachaufgabe: 'fuehrung' },
};

/**
 * Incidents as DV 102 "Anlass, Ereignis" (a triangle pointing at the place), with the matching DV 102
 * symbol where there is one and otherwise the call type's short code; the legend and the map label
 * give the full name.
 */
export function incidentSign(type: CallType, shortCode: string): TaktischesZeichen {
  const symbol = INCIDENT_SYMBOLS[type];
  return symbol ? { grundzeichen: 'anlass', symbol } : { grundzeichen: 'anlass', text: shortCode };
}

const INCIDENT_SYMBOLS: Partial<Record<CallType, TaktischesZeichen['symbol']>> = {
  brand: 'fortentwickelter-brand',
  hilflose_person: 'person-verletzt',
  vermisste_person: 'person-vermisst',
  verdaechtige_person: 'person',
};

export interface Sign {
  svg: string;
  /** Width and height in the SVG's own units (its viewBox). */
  size: [number, number];
}

export function renderSign(spec: TaktischesZeichen): Sign {
  const tz = erzeugeTaktischesZeichen(spec);
  return { svg: tz.toString(), size: [tz.size[0], tz.size[1]] };
}

/** An `<img>` source for a sign without the library's logging getter. */
export const svgDataUrl = (svg: string): string =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export const ALL_UNIT_KINDS = UNIT_KINDS;
export const ALL_CALL_TYPES = CALL_TYPES;
