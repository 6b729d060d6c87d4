/**
 * The server's incident queries: one incident's history (GET /api/v1/incidents/:id/events) and
 * incident counts per hour and type (GET /api/v1/stats/incidents). Answers are checked before use.
 */
import { z } from 'zod';
import { CALL_TYPES } from '#shared/domain';
import { lageEventSchema, type LageEvent } from '#shared/schemas';
import { connectionStore } from '../stores/connectionStore.ts';

const historySchema = z.object({
  incidentId: z.string(),
  truncated: z.boolean(),
  events: z.array(lageEventSchema),
});

const statsSchema = z.object({
  from: z.number(),
  to: z.number(),
  total: z.number().int().nonnegative(),
  perHour: z.array(z.object({ start: z.number(), count: z.number().int().nonnegative() })),
  byType: z.array(z.object({ type: z.enum(CALL_TYPES), count: z.number().int().nonnegative() })),
});
export type IncidentStats = z.infer<typeof statsSchema>;

async function getJson(route: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(`${connectionStore.getState().serverUrl}${route}`, { signal });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && typeof body === 'object' && 'error' in body ? String(body.error) : res.statusText;
    throw new Error(`${res.status}: ${msg}`);
  }
  return body;
}

export async function fetchIncidentHistory(
  incidentId: string,
  signal?: AbortSignal,
): Promise<{ events: LageEvent[]; truncated: boolean }> {
  const body = historySchema.parse(
    await getJson(`/api/v1/incidents/${encodeURIComponent(incidentId)}/events`, signal),
  );
  return { events: body.events, truncated: body.truncated };
}

export async function fetchIncidentStats(
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<IncidentStats> {
  return statsSchema.parse(await getJson(`/api/v1/stats/incidents?from=${from}&to=${to}`, signal));
}
