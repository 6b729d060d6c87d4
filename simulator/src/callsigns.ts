/**
 * The fleet: which kinds of units there are, where they are based and their radio callsigns in
 * the NRW style "<Ort> <Inspektion><Wache>/<Fahrzeug>", e.g. "K 12/41". The composition depends
 * only on the unit count and the stations, not on the seed, so a unit keeps its callsign across runs.
 */
import type { UnitKind } from '#shared/domain';
import { distanceM } from './geo.ts';
import type { Station } from './world.ts';

export interface UnitSpec {
  id: string;
  callsign: string;
  kind: UnitKind;
  district: string;
  /** Index into the stations list: where the unit starts and returns to. */
  station: number;
}

/** Callsign prefixes of NRW police headquarters, chosen by the nearest city to the stations. */
const CITIES: readonly { prefix: string; lat: number; lon: number }[] = [
  { prefix: 'Dü', lat: 51.2277, lon: 6.7735 },
  { prefix: 'K', lat: 50.9375, lon: 6.9603 },
  { prefix: 'DU', lat: 51.4344, lon: 6.7623 },
  { prefix: 'E', lat: 51.4556, lon: 7.0116 },
  { prefix: 'DO', lat: 51.5136, lon: 7.4653 },
  { prefix: 'BO', lat: 51.4818, lon: 7.2162 },
  { prefix: 'W', lat: 51.2562, lon: 7.1508 },
  { prefix: 'BN', lat: 50.7374, lon: 7.0982 },
  { prefix: 'AC', lat: 50.7753, lon: 6.0839 },
  { prefix: 'MS', lat: 51.9607, lon: 7.6261 },
  { prefix: 'BI', lat: 52.0302, lon: 8.5325 },
];

export function callsignPrefix(stations: readonly Station[]): string {
  const lat = stations.reduce((s, p) => s + p.lat, 0) / stations.length;
  const lon = stations.reduce((s, p) => s + p.lon, 0) / stations.length;
  let best = { prefix: 'Pol', d: 40_000 };
  for (const c of CITIES) {
    const d = distanceM(lat, lon, c.lat, c.lon);
    if (d < best.d) best = { prefix: c.prefix, d };
  }
  return best.prefix;
}

/** Fleet shares; the remainder are Funkstreifenwagen. */
function kindCounts(n: number): [UnitKind, number][] {
  const heli = n >= 20 ? 1 : 0;
  const foot = Math.round(n * 0.06);
  const moto = Math.round(n * 0.06);
  const civil = Math.round(n * 0.12);
  const car = Math.max(0, n - heli - foot - moto - civil);
  return [
    ['funkstreifenwagen', car],
    ['zivilfahrzeug', civil],
    ['motorrad', moto],
    ['fussstreife', foot],
    ['hubschrauber', heli],
  ];
}

/** Spreads each kind evenly over the list, so every station gets a mix. */
function interleavedKinds(n: number): UnitKind[] {
  const slots: { kind: UnitKind; at: number }[] = [];
  for (const [kind, count] of kindCounts(n)) {
    for (let i = 0; i < count; i++) slots.push({ kind, at: (i + 0.5) / count });
  }
  return slots.sort((a, b) => a.at - b.at).map((s) => s.kind);
}

const VEHICLE_CLASS: Record<UnitKind, number> = {
  funkstreifenwagen: 1,
  zivilfahrzeug: 7,
  motorrad: 5,
  fussstreife: 9,
  hubschrauber: 0,
  gefangenentransporter: 6,
  diensthundefuehrer: 8,
  handfunkgeraet: 9,
  // Not police vehicles: the simulator never creates them (they come from imports).
  loeschfahrzeug: 4,
  drehleiter: 4,
  rettungswagen: 4,
  notarzteinsatzfahrzeug: 4,
  krankentransportwagen: 4,
  einsatzleitwagen: 4,
};

/** The station nearest to the middle of all stations: where the helicopter is based. */
function centralStation(stations: readonly Station[]): number {
  const lat = stations.reduce((s, p) => s + p.lat, 0) / stations.length;
  const lon = stations.reduce((s, p) => s + p.lon, 0) / stations.length;
  let best = 0;
  stations.forEach((s, i) => {
    const st = stations[best]!;
    if (distanceM(lat, lon, s.lat, s.lon) < distanceM(lat, lon, st.lat, st.lon)) best = i;
  });
  return best;
}

export function buildFleet(count: number, stations: readonly Station[], seed: number): UnitSpec[] {
  const prefix = callsignPrefix(stations);
  const perStation = new Map<string, number>();
  let station = 0;
  let helicopters = 0;
  return interleavedKinds(count).map((kind, i) => {
    const id = `U-${seed}-${String(i + 1).padStart(3, '0')}`;
    if (kind === 'hubschrauber') {
      helicopters++;
      return {
        id,
        callsign: `Hummel ${helicopters}`,
        kind,
        district: 'Polizeifliegerstaffel NRW',
        station: centralStation(stations),
      };
    }
    const s = station++ % stations.length;
    const key = `${s}:${VEHICLE_CLASS[kind]}`;
    const k = perStation.get(key) ?? 0;
    perStation.set(key, k + 1);
    // Funkstreifenwagen run 11..19, 21..29, ...; the other classes 71, 72, ... (class digit first).
    const cls = VEHICLE_CLASS[kind];
    const vehicle = cls === 1 ? `${1 + Math.floor(k / 9)}${1 + (k % 9)}` : `${cls}${k + 1}`;
    const callsign = `${prefix} ${1 + Math.floor(s / 9)}${1 + (s % 9)}/${vehicle}`;
    return { id, callsign, kind, district: stations[s]!.district ?? stations[s]!.name, station: s };
  });
}
