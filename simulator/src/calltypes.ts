/**
 * The mix of police calls: how often each type comes in (relative weight), how urgent it usually
 * is, how long units stay on scene, and when in the day it peaks. Weights follow the rough shape
 * of German police call statistics: traffic accidents, noise and disputes lead, fires are rare.
 */
import type { CallType, Priority } from '#shared/domain';

export interface CallTypeInfo {
  weight: number;
  /** Weights of priority 1, 2, 3. */
  priority: [number, number, number];
  /** Minutes on scene, uniform between the two. */
  onScene: [number, number];
  /** From the most to the least urgent variant. */
  descriptions: string[];
  /** Hours (local) when this type is more (factor > 1) or less frequent. */
  peak?: { from: number; to: number; factor: number }[];
  /** May also call for the helicopter when priority 1. */
  air?: boolean;
}

const NIGHT = { from: 22, to: 5 };
const RUSH = [
  { from: 7, to: 9, factor: 1.6 },
  { from: 16, to: 19, factor: 1.5 },
  { from: 0, to: 5, factor: 0.4 },
];

export const CALL_MIX: Readonly<Record<CallType, CallTypeInfo>> = {
  verkehrsunfall: {
    weight: 18,
    priority: [0.15, 0.55, 0.3],
    onScene: [30, 75],
    peak: RUSH,
    descriptions: [
      'Unfall mit Verletzten gemeldet',
      'Auffahrunfall, Sachschaden',
      'Parkrempler, Verursacher flüchtig',
    ],
  },
  ruhestoerung: {
    weight: 12,
    priority: [0, 0.1, 0.9],
    onScene: [10, 30],
    peak: [
      { ...NIGHT, factor: 3 },
      { from: 6, to: 18, factor: 0.3 },
    ],
    descriptions: ['Laute Musik aus Nachbarwohnung', 'Lärm von Personengruppe auf der Straße'],
  },
  streitigkeit: {
    weight: 10,
    priority: [0.2, 0.6, 0.2],
    onScene: [20, 60],
    peak: [{ from: 18, to: 2, factor: 1.6 }],
    descriptions: ['Lautstarker Streit in Wohnung', 'Streit zwischen Nachbarn', 'Streit vor Gaststätte'],
  },
  diebstahl: {
    weight: 10,
    priority: [0.05, 0.35, 0.6],
    onScene: [20, 60],
    peak: [
      { from: 9, to: 20, factor: 1.4 },
      { from: 0, to: 6, factor: 0.4 },
    ],
    descriptions: ['Ladendiebstahl, Täter festgehalten', 'Taschendiebstahl', 'Fahrraddiebstahl'],
  },
  verdaechtige_person: {
    weight: 7,
    priority: [0.15, 0.6, 0.25],
    onScene: [15, 40],
    peak: [{ from: 20, to: 4, factor: 1.5 }],
    air: true,
    descriptions: ['Verdächtige Person an Hauseingängen', 'Person leuchtet in geparkte Autos'],
  },
  hilflose_person: {
    weight: 7,
    priority: [0.4, 0.5, 0.1],
    onScene: [20, 60],
    descriptions: ['Person liegt auf Gehweg', 'Ältere Person orientierungslos'],
  },
  sachbeschaedigung: {
    weight: 6,
    priority: [0.05, 0.35, 0.6],
    onScene: [20, 45],
    peak: [{ ...NIGHT, factor: 1.5 }],
    descriptions: ['Graffiti an Hauswand', 'Autoscheibe eingeschlagen'],
  },
  koerperverletzung: {
    weight: 6,
    priority: [0.55, 0.4, 0.05],
    onScene: [30, 90],
    peak: [{ from: 20, to: 4, factor: 2 }],
    descriptions: ['Schlägerei vor Lokal', 'Person nach Angriff verletzt'],
  },
  sonstiges: {
    weight: 6,
    priority: [0.05, 0.35, 0.6],
    onScene: [10, 40],
    descriptions: ['Tier auf Fahrbahn', 'Hilfeersuchen', 'Fundsache abzuholen'],
  },
  einbruch: {
    weight: 5,
    priority: [0.4, 0.45, 0.15],
    onScene: [45, 120],
    peak: [{ from: 16, to: 22, factor: 1.6 }],
    air: true,
    descriptions: ['Einbruch in Geschäft, Täter evtl. noch vor Ort', 'Wohnungseinbruch festgestellt'],
  },
  alarmausloesung: {
    weight: 5,
    priority: [0.3, 0.6, 0.1],
    onScene: [10, 30],
    peak: [{ ...NIGHT, factor: 1.4 }],
    descriptions: ['Überfallalarm Tankstelle', 'Einbruchmeldeanlage ausgelöst'],
  },
  verkehrsbehinderung: {
    weight: 5,
    priority: [0.05, 0.4, 0.55],
    onScene: [10, 40],
    peak: RUSH,
    descriptions: ['Gegenstand auf Fahrbahn', 'Ampelausfall', 'Fahrzeug blockiert Einfahrt'],
  },
  vermisste_person: {
    weight: 2,
    priority: [0.5, 0.4, 0.1],
    onScene: [60, 180],
    air: true,
    descriptions: ['Kind nicht von der Schule heimgekehrt', 'Demenzkranke Person aus Heim abgängig'],
  },
  raub: {
    weight: 1.5,
    priority: [0.75, 0.25, 0],
    onScene: [60, 150],
    peak: [{ from: 18, to: 3, factor: 1.5 }],
    air: true,
    descriptions: ['Überfall auf Kiosk', 'Raub auf Passanten, Täter flüchtig'],
  },
  brand: {
    weight: 1,
    priority: [0.7, 0.3, 0],
    onScene: [30, 90],
    descriptions: ['Brand in Mehrfamilienhaus, Absperrung für Feuerwehr', 'PKW-Brand', 'Mülltonnenbrand'],
  },
};

const inWindow = (hour: number, from: number, to: number): boolean =>
  from <= to ? hour >= from && hour < to : hour >= from || hour < to;

/** The weight of a call type at a local hour, with its peak factors applied. */
export function weightAt(type: CallType, hour: number): number {
  const info = CALL_MIX[type];
  let w = info.weight;
  for (const p of info.peak ?? []) if (inWindow(hour, p.from, p.to)) w *= p.factor;
  return w;
}

/** Units sent: two for urgent violent or dangerous calls, otherwise one. */
export function unitsNeeded(type: CallType, priority: Priority): number {
  if (priority !== 1) return 1;
  return type === 'raub' || type === 'koerperverletzung' || type === 'einbruch' || type === 'streitigkeit'
    ? 2
    : 1;
}

/** Share of closed incidents of a type where a crew takes a person along (FMS 7, then 8). */
export const TRANSPORT_SHARE: Readonly<Partial<Record<CallType, number>>> = {
  koerperverletzung: 0.35,
  raub: 0.4,
  hilflose_person: 0.3,
  streitigkeit: 0.15,
  diebstahl: 0.2,
  einbruch: 0.15,
  verdaechtige_person: 0.1,
};
