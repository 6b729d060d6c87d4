/**
 * The district of every incident as it was opened, for the district rule of shared/redact.ts
 * (`EventLookup.incidentDistrictOf`): read from incident_index (one row per `incident.opened`), so an
 * update, note, assignment, closure or unit status of an incident is decided by its incident's
 * district even when the picture dropped the incident long ago (replay, export, resume of old events).
 * Kept in memory per database (a few dozen bytes per incident) and caught up with the log on demand:
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

export class IncidentDistricts {
  /** Openings per incident id in seq order (an old log may open an id twice; ingest refuses that). */
  private readonly byId = new Map<string, Opening[]>();
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
    const openings = this.byId.get(id);
    let district: string | null | undefined;
    for (const o of openings ?? []) {
      if (o.seq > seq) break;
      district = o.district;
    }
    return district;
  }

  private catchUp(seq: number): void {
    for (const row of this.rows.iterate(this.upTo, seq) as IterableIterator<Row>) {
      if (row.id === null) continue;
      const opening = { seq: row.seq, district: row.district };
      const known = this.byId.get(row.id);
      if (known) known.push(opening);
      else this.byId.set(row.id, [opening]);
    }
    this.upTo = seq;
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
