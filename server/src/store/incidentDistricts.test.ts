/**
 * The district of an incident at the time of an event, from incident_index (real SQLite file): known
 * from its opening on, caught up as the log grows, also in a dataset of schema 1 (no district column).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import { tempDir } from '../testing/harness.ts';
import { openDb, type Db } from './db.ts';
import { EventLog } from './eventLog.ts';
import { IncidentDistricts } from './incidentDistricts.ts';

let db: Db | undefined;
afterEach(() => db?.close());

const opened = (id: string, district?: string): NewEvent => ({
  type: 'incident.opened',
  time: 1_000,
  incident: {
    id,
    number: id,
    type: 'einbruch',
    priority: 2,
    location: { lat: 50.9, lon: 6.9 },
    ...(district ? { district } : {}),
  },
});
const note = (incidentId: string): NewEvent => ({
  type: 'incident.note',
  time: 1_000,
  incidentId,
  text: 'x',
});

describe('IncidentDistricts', () => {
  it('answers the district from the opening on, null without one, undefined before and for unknown ids', () => {
    db = openDb(tempDir(), 'normal');
    const log = new EventLog(db);
    log.append([note('K'), opened('K', 'PP Köln'), opened('N'), note('K')], 1_000); // seqs 1-4
    const districts = new IncidentDistricts(db);
    expect(districts.at('K', 1)).toBeUndefined(); // the note before the opening
    expect(districts.at('K', 2)).toBe('PP Köln');
    expect(districts.at('N', 4)).toBeNull();
    expect(districts.at('X', 4)).toBeUndefined();
    // Appended after the first look-up: caught up when an event of that seq is asked.
    log.append([opened('B', 'PP Bonn'), note('B')], 2_000); // seqs 5-6
    expect(districts.at('B', 6)).toBe('PP Bonn');
    expect(districts.at('K', 6)).toBe('PP Köln');
  });

  it('follows an id opened twice (an old log) and more districts than fit the packed form', () => {
    db = openDb(tempDir(), 'normal');
    const log = new EventLog(db);
    log.append([opened('R', 'PP Köln'), note('R'), opened('R', 'PP Bonn'), note('R')], 1_000); // seqs 1-4
    const many = Array.from({ length: 1_100 }, (_, k) => opened(`I${k}`, `Bezirk ${k}`));
    log.append(many, 1_000); // seqs 5-1104
    const districts = new IncidentDistricts(db);
    expect(districts.at('R', 2)).toBe('PP Köln');
    expect(districts.at('R', 4)).toBe('PP Bonn');
    for (const k of [0, 1_021, 1_022, 1_023, 1_099]) expect(districts.at(`I${k}`, 1_104)).toBe(`Bezirk ${k}`);
    expect(districts.at('I1099', 1_103)).toBeUndefined(); // opened at seq 1104
  });

  it('reads the district from the opening event in a dataset of schema 1', () => {
    db = openDb(tempDir(), 'normal');
    new EventLog(db).append([opened('B', 'PP Bonn'), opened('N')], 1_000);
    db.exec('ALTER TABLE incident_index DROP COLUMN district');
    const districts = new IncidentDistricts(db);
    expect(districts.at('B', 2)).toBe('PP Bonn');
    expect(districts.at('N', 2)).toBeNull();
  });
});
