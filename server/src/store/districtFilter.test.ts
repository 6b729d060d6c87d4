/**
 * The SQL condition on incident_index selects exactly the incidents the live view shows
 * (shared/redact.ts incidentInView), with the district column and without it (schema-1 datasets).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FULL_VIEW, incidentInView, policyFor, redactIncident, type ViewPolicy } from '#shared/redact';
import type { Incident } from '#shared/domain';
import { Lage } from '../lage.ts';
import { tempDir } from '../testing/harness.ts';
import { openDb, type Db } from './db.ts';
import { incidentDistrictCondition } from './districtFilter.ts';

const DISTRICTS = [undefined, 'PP Köln', 'PP Düsseldorf', "PP O'Bonn", 'pp köln'];
const POLICIES: ViewPolicy[] = [
  FULL_VIEW,
  policyFor(['wall']),
  policyFor(['operator'], ['PP Köln']),
  policyFor(['operator'], ['PP Köln', "PP O'Bonn"]),
  policyFor(['operator'], []), // an empty list limits nothing (as policyFor rules)
];

let db: Db | undefined;
afterEach(() => db?.close());

function indexed(): Db {
  const d = openDb(tempDir(), 'normal');
  const lage = new Lage(d, { snapshotEvery: 1_000_000, snapshotIntervalMs: 3_600_000 });
  lage.commit(
    DISTRICTS.map((district, k) => ({
      type: 'incident.opened',
      time: 1_000 + k,
      incident: {
        id: `I${k}`,
        number: String(k),
        type: 'einbruch',
        priority: 2,
        location: { lat: 50.9, lon: 6.9 },
        ...(district ? { district } : {}),
      },
    })),
  );
  return d;
}

const selected = (d: Db, p: ViewPolicy) => {
  const c = incidentDistrictCondition(d, p);
  return d
    .prepare(`SELECT seq FROM incident_index WHERE 1${c.sql} ORDER BY seq`)
    .pluck()
    .all(...c.args);
};
const expected = (p: ViewPolicy) =>
  DISTRICTS.flatMap((district, k) => (incidentInView(p, district) ? [k + 1] : []));

describe('incidentDistrictCondition', () => {
  it('selects what incidentInView (and so redactIncident) lets through, for every policy', () => {
    db = indexed();
    for (const p of POLICIES) {
      expect(selected(db, p), JSON.stringify(p)).toEqual(expected(p));
      // incidentInView is the rule redactIncident applies to the picture.
      for (const district of DISTRICTS) {
        const i = { id: 'x', ...(district ? { district } : {}) } as Incident;
        expect(redactIncident(i, p) !== undefined).toBe(incidentInView(p, district));
      }
    }
    expect(incidentDistrictCondition(db, FULL_VIEW)).toEqual({ sql: '', args: [] });
  });

  it('reads the districts from the events where the index has no district column', () => {
    db = indexed();
    db.exec('ALTER TABLE incident_index DROP COLUMN district');
    for (const p of POLICIES) expect(selected(db, p), JSON.stringify(p)).toEqual(expected(p));
  });
});
