import type { IngestKind } from '#shared/schemas';
import type { IngestAck } from '#shared/wire';
import { UnfoldableError, type Lage } from '../lage.ts';
import { toEvents } from './toEvents.ts';

/**
 * Validates and commits one ingest request; the answer is sent only after the commit. `unit`: the
 * sender is a device bound to this unit (`add-device … --unit`) and may report only its positions
 * and statuses, so a stolen tracker token cannot move other units or open incidents. With a shared
 * log (several nodes) the answer comes once PostgreSQL has committed (ingestShared).
 */
export function submitIngest(
  lage: Lage,
  kind: IngestKind,
  body: unknown,
  by: string,
  maxItems: number,
  unit?: string,
): IngestAck | Promise<IngestAck> {
  return lage.shared
    ? ingestShared(lage, kind, body, by, maxItems, unit)
    : ingest(lage, kind, body, by, maxItems, unit);
}

/** ingest into this node's own log (SQLite): answered synchronously. */
export function ingest(
  lage: Lage,
  kind: IngestKind,
  body: unknown,
  by: string,
  maxItems: number,
  unit?: string,
): IngestAck {
  if (unit !== undefined) {
    const refused = boundUnitRefusal(kind, body, unit, by);
    if (refused) return { ok: false, status: 403, error: refused };
  }
  const now = Date.now();
  const result = toEvents(kind, body, { picture: lage.picture, now, by, maxItems });
  if (!result.ok) return result;
  try {
    lage.commit(result.events, now);
  } catch (err) {
    return storeFailure(err);
  }
  return { ok: true, accepted: result.events.length, seq: lage.seq };
}

/**
 * ingest through the shared log: checked against the picture caught up to the global head, under
 * the cluster's commit lock, answered after COMMIT.
 */
export async function ingestShared(
  lage: Lage,
  kind: IngestKind,
  body: unknown,
  by: string,
  maxItems: number,
  unit?: string,
): Promise<IngestAck> {
  if (unit !== undefined) {
    const refused = boundUnitRefusal(kind, body, unit, by);
    if (refused) return { ok: false, status: 403, error: refused };
  }
  const shared = lage.shared;
  if (!shared) return ingest(lage, kind, body, by, maxItems, unit);
  const now = Date.now();
  return shared
    .run<IngestAck>((picture) => {
      const r = toEvents(kind, body, { picture, now, by, maxItems });
      if (!r.ok) return { answer: r };
      return { events: r.events, answer: (seq) => ({ ok: true, accepted: r.events.length, seq }) };
    }, now)
    .catch(storeFailure);
}

/**
 * 422 for what the picture cannot take (refused before anything was written: the caller's fault),
 * 503 for a failed write (the HTTP route adds Retry-After).
 */
export function storeFailure(err: unknown): IngestAck {
  if (err instanceof UnfoldableError)
    return { ok: false, status: 422, error: `${err.message}; nothing stored` };
  return { ok: false, status: 503, error: `could not store events: ${(err as Error).message}` };
}

export function boundUnitRefusal(
  kind: IngestKind,
  body: unknown,
  unit: string,
  by: string,
): string | undefined {
  if (kind !== 'positions' && kind !== 'status')
    return `not allowed: the device ${by} is bound to unit ${unit} and may only send positions and status`;
  if (!Array.isArray(body)) return undefined; // toEvents names the problem
  const other = body.findIndex(
    (item: unknown) =>
      item === null || typeof item !== 'object' || (item as { unitId?: unknown }).unitId !== unit,
  );
  if (other < 0) return undefined;
  return `not allowed: item ${other}: the device ${by} is bound to unit ${unit} and may only report that unit`;
}
