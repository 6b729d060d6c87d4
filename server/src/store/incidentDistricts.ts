/**
 * The district of every incident as it was opened, for the district rule of shared/redact.ts
 * (`EventLookup.incidentDistrictOf`): read from incident_index (one row per `incident.opened`), so an
 * update, note, assignment, closure or unit status of an incident is decided by its incident's
 * district even when the picture dropped the incident long ago (replay, export, resume of old events).
 * Kept in memory per database (some 70 bytes per incident) and caught up with the log on demand:
 * the log is append-only, so rows below the highest seq already read never change.
 */
import type { Unit } from '#shared/domain';
import type { EventLookup } from '#shared/redact';
import { hasColumn, type Db } from './db.ts';

interface Opening {
  seq: number;
  district: string | null;
}

interface Row {
  seq: number;
  id: string | null;
  district: string | null;
}

/** District codes per packed number: seq * SLOTS + code (0: no district). */
const SLOTS = 1024;

export class IncidentDistricts {
  /**
   * The common case, packed to one number per incident (some 70 bytes each with its id, against 150
   * for an object): an id opened once, its district one of the first SLOTS - 1 distinct ones.
   */
  private readonly packed = new Map<string, number>();
  /** Everything else: ids opened more than once (an old log; ingest refuses that), rare districts. */
  private readonly openings = new Map<string, Opening[]>();
  private readonly codes = new Map<string, number>();
  private readonly names: (string | null)[] = [null];
  private upTo = 0;
  private readonly rows;

  constructor(db: Db) {
    // A dataset written before schema 2 (opened read-only, never migrated) has no district column:
    // the district is then read from the opening event itself.
    const district = hasColumn(db, 'incident_index', 'district')
      ? 'i.district'
      : "e.data->>'$.incident.district'";
    this.rows = db.prepare(
      `SELECT i.seq AS seq, e.data->>'$.incident.id' AS id, ${district} AS district
       FROM incident_index i JOIN events e ON e.seq = i.seq WHERE i.seq > ? AND i.seq <= ? ORDER BY i.seq`,
    );
  }

  /** The district of incident `id` as opened at or before `seq`; null: none; undefined: never opened. */
  at(id: string, seq: number): string | null | undefined {
    if (seq > this.upTo) this.catchUp(seq);
    const p = this.packed.get(id);
    if (p !== undefined) return Math.floor(p / SLOTS) <= seq ? (this.names[p % SLOTS] ?? null) : undefined;
    let district: string | null | undefined;
    for (const o of this.openings.get(id) ?? []) {
      if (o.seq > seq) break;
      district = o.district;
    }
    return district;
  }

  private catchUp(seq: number): void {
    for (const row of this.rows.iterate(this.upTo, seq) as IterableIterator<Row>) {
      if (row.id !== null) this.add(row.id, { seq: row.seq, district: row.district });
    }
    this.upTo = seq;
  }

  private add(id: string, opening: Opening): void {
    const packed = this.packed.get(id);
    const more = this.openings.get(id);
    if (packed === undefined && !more) {
      const code = this.codeOf(opening.district);
      if (code < SLOTS) return void this.packed.set(id, opening.seq * SLOTS + code);
    }
    const list = more ?? [];
    if (packed !== undefined) {
      this.packed.delete(id);
      list.push({ seq: Math.floor(packed / SLOTS), district: this.names[packed % SLOTS] ?? null });
    }
    list.push(opening);
    this.openings.set(id, list);
  }

  private codeOf(district: string | null): number {
    if (district === null) return 0;
    let code = this.codes.get(district);
    if (code === undefined) {
      code = this.names.length;
      this.codes.set(district, code);
      this.names.push(district);
    }
    return code;
  }
}

const perDb = new WeakMap<Db, IncidentDistricts>();

/** The one IncidentDistricts of this database (the live log's, or an imported dataset's). */
export function incidentDistricts(db: Db): IncidentDistricts {
  let known = perDb.get(db);
  if (!known) perDb.set(db, (known = new IncidentDistricts(db)));
  return known;
}

/** What redactEvent looks up, for events of this database: units as `unitOf` knows them. */
export function eventLookup(db: Db, unitOf: (id: string) => Unit | undefined): EventLookup {
  const districts = incidentDistricts(db);
  return { unitOf, incidentDistrictOf: (id, seq) => districts.at(id, seq) };
}
