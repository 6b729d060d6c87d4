/**
 * The live view's district rule for incidents (shared/redact.ts `incidentInView`: incidents of the
 * viewer's districts, and incidents without a district) as a condition on incident_index, so stats
 * and heatmaps count what a district-limited viewer sees in the picture. Unlimited viewers get no
 * condition at all (the same query, the same answers as before districts were indexed).
 */
import type { ViewPolicy } from '#shared/redact';
import { hasColumn, type Db } from './db.ts';

export interface SqlCondition {
  /** `''` or ` AND (…)`, to append to a WHERE clause. */
  sql: string;
  args: string[];
}

const withColumn = new WeakMap<Db, boolean>();

/**
 * `alias`: how the query names incident_index. A dataset file written before schema 2 (opened
 * read-only, so never migrated) has no district column: its districts are read from the events.
 */
export function incidentDistrictCondition(
  db: Db,
  policy: ViewPolicy,
  alias = 'incident_index',
): SqlCondition {
  const districts = policy.districts;
  if (!districts) return { sql: '', args: [] };
  let indexed = withColumn.get(db);
  if (indexed === undefined) withColumn.set(db, (indexed = hasColumn(db, 'incident_index', 'district')));
  const d = indexed
    ? `${alias}.district`
    : `(SELECT data->>'$.incident.district' FROM events WHERE events.seq = ${alias}.seq)`;
  const list = districts.map(() => '?').join(', ');
  return { sql: ` AND (${d} IS NULL OR ${d} IN (${list}))`, args: [...districts] };
}
