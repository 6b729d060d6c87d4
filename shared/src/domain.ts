/**
 * The domain vocabulary of Lagebild: unit kinds, FMS status codes with their police meanings,
 * police call types and incident states. Identifiers are stable ASCII keys; the user-facing
 * German and English labels live in the renderer's i18n tables.
 */

export const UNIT_KINDS = [
  'funkstreifenwagen',
  'zivilfahrzeug',
  'motorrad',
  'hubschrauber',
  'gefangenentransporter',
  'diensthundefuehrer',
  'fussstreife',
  'handfunkgeraet',
  // Fire and EMS units, for imported CAD exports of other services and joint control rooms.
  'loeschfahrzeug',
  'drehleiter',
  'rettungswagen',
  'notarzteinsatzfahrzeug',
  'krankentransportwagen',
  'einsatzleitwagen',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Kinds whose position is the position of a person, not a vehicle (sensitive under data protection). */
export const PERSONAL_POSITION_KINDS: ReadonlySet<UnitKind> = new Set(['fussstreife', 'handfunkgeraet']);

export const FMS_STATUSES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type FmsStatus = (typeof FMS_STATUSES)[number];

export type FmsCategory = 'emergency' | 'available' | 'committed' | 'request' | 'unavailable' | 'custom';

export interface FmsStatusInfo {
  readonly code: FmsStatus;
  /** German short meaning (police usage); the renderer translates through i18n keys `fms.<code>`. */
  readonly de: string;
  readonly category: FmsCategory;
}

/** Police meanings of the FMS status codes. 7-9 are configurable per organisation. */
export const FMS_INFO: Readonly<Record<FmsStatus, FmsStatusInfo>> = {
  0: { code: 0, de: 'Notruf / priorisierter Sprechwunsch', category: 'emergency' },
  1: { code: 1, de: 'einsatzbereit über Funk', category: 'available' },
  2: { code: 2, de: 'einsatzbereit auf Wache', category: 'available' },
  3: { code: 3, de: 'Einsatz übernommen', category: 'committed' },
  4: { code: 4, de: 'am Einsatzort', category: 'committed' },
  5: { code: 5, de: 'Sprechwunsch', category: 'request' },
  6: { code: 6, de: 'nicht einsatzbereit', category: 'unavailable' },
  7: { code: 7, de: 'frei konfigurierbar (7)', category: 'custom' },
  8: { code: 8, de: 'frei konfigurierbar (8)', category: 'custom' },
  9: { code: 9, de: 'frei konfigurierbar (9)', category: 'custom' },
};

/** The FMS codes the picture's rules act on by meaning (FMS_INFO says what every code means). */
export const FMS = {
  EMERGENCY: 0,
  FREE_RADIO: 1,
  FREE_STATION: 2,
  ALARMED: 3,
  ON_SCENE: 4,
  SPEECH_REQUEST: 5,
  OFF_DUTY: 6,
} as const satisfies Record<string, FmsStatus>;

/** Ready for a call: free over radio (1) or at the station (2). */
export const isAvailable = (s: number): boolean => s === FMS.FREE_RADIO || s === FMS.FREE_STATION;
/** Free again or off duty (1, 2, 6): the unit is no longer bound to an incident. */
export const releasesIncident = (s: number): boolean => isAvailable(s) || s === FMS.OFF_DUTY;

/** Units per FMS category (available = 1 and 2, committed = 3 and 4, request = 5, …) and in all. */
export type FleetCounts = Record<FmsCategory, number> & { total: number };

/** Counts units by FMS category: the one count behind the unit board, the KPIs and availability over time. */
export function fleetCounts(units: Iterable<Pick<Unit, 'status'>>): FleetCounts {
  const c: FleetCounts = {
    emergency: 0,
    available: 0,
    committed: 0,
    request: 0,
    unavailable: 0,
    custom: 0,
    total: 0,
  };
  for (const u of units) {
    c[FMS_INFO[u.status].category]++;
    c.total++;
  }
  return c;
}

export const CALL_TYPES = [
  'verkehrsunfall',
  'einbruch',
  'diebstahl',
  'koerperverletzung',
  'ruhestoerung',
  'streitigkeit',
  'hilflose_person',
  'brand',
  'alarmausloesung',
  'verkehrsbehinderung',
  'raub',
  'sachbeschaedigung',
  'vermisste_person',
  'verdaechtige_person',
  'sonstiges',
] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const INCIDENT_STATES = ['neu', 'disponiert', 'in_bearbeitung', 'abgeschlossen'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export const PRIORITIES = [1, 2, 3] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Position {
  lat: number;
  lon: number;
  /** Degrees clockwise from north, 0-360. */
  heading?: number;
  /** Metres per second. */
  speed?: number;
  /** Metres (radius of the 68 % circle). */
  accuracy?: number;
  /** When the fix was taken, epoch milliseconds UTC. */
  time: number;
}

export interface Unit {
  id: string;
  callsign: string;
  kind: UnitKind;
  /** Organisation / district, e.g. "PP Düsseldorf" or "Köln-Innenstadt". */
  district: string;
  status: FmsStatus;
  /** Epoch ms of the last status change. */
  statusSince: number;
  position?: Position;
  /** The incident the unit is committed to, if any. */
  incidentId?: string;
  /** When an operator last acknowledged the unit's speech request or emergency (epoch ms). */
  acknowledgedAt?: number;
  /**
   * When the unit raised the emergency (status 0) that no operator has acknowledged yet (epoch ms).
   * It stays whatever status follows: a unit that sends 0 and then 2 may be in trouble and unable
   * to say so, so only an operator's acknowledgement clears it.
   */
  emergencySince?: number;
  /** A unit of a federation peer (its name): shown read-only, never passed on to other peers. */
  origin?: string;
}

/** An emergency no operator has acknowledged: latched by `emergencySince`, or a status 0 in a picture from before the latch. */
export const isOpenEmergency = (u: Unit): boolean =>
  u.emergencySince !== undefined ||
  (u.status === FMS.EMERGENCY && (u.acknowledgedAt === undefined || u.acknowledgedAt < u.statusSince));

/** A speech request (5) or emergency (0) that no operator has acknowledged since it was raised. */
export const isOpenRequest = (u: Unit): boolean =>
  isOpenEmergency(u) ||
  (u.status === FMS.SPEECH_REQUEST && (u.acknowledgedAt === undefined || u.acknowledgedAt < u.statusSince));

/** Since when the unit's open emergency or request waits (the latched emergency counts from status 0). */
export const openSince = (u: Unit): number => u.emergencySince ?? u.statusSince;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Personal data: must be removed for roles that may not see it. */
export interface Caller {
  name?: string;
  phone?: string;
}

export interface Note {
  time: number;
  author: string;
  /** Free text may contain personal data. */
  text: string;
}

export interface IncidentTimes {
  opened: number;
  dispatched?: number;
  firstOnScene?: number;
  closed?: number;
}

export interface Incident {
  id: string;
  number: string;
  type: CallType;
  priority: Priority;
  state: IncidentState;
  location: LatLon;
  address?: string;
  district?: string;
  description?: string;
  times: IncidentTimes;
  /** Ids of assigned units, in order of assignment. */
  units: string[];
  /** Personal data. */
  caller?: Caller;
  /** Personal data (free text). */
  notes: Note[];
  /** An incident of a federation peer (its name): shown read-only, never passed on to other peers. */
  origin?: string;
}

/** The fields of an incident that are personal data and are removed for roles without access. */
export const PERSONAL_INCIDENT_FIELDS = ['caller', 'notes', 'description'] as const;
export type PersonalIncidentField = (typeof PERSONAL_INCIDENT_FIELDS)[number];
