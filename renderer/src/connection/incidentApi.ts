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

const availabilitySchema = z.object({
  stepMs: z.number().int().positive(),
  samples: z.array(
    z.object({
      time: z.number(),
      emergency: z.number().int().nonnegative(),
      available: z.number().int().nonnegative(),
      committed: z.number().int().nonnegative(),
      request: z.number().int().nonnegative(),
      unavailable: z.number().int().nonnegative(),
      custom: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    }),
  ),
});
export type AvailabilityAnswer = z.infer<typeof availabilitySchema>;

/** The fleet's FMS categories at every `stepS` seconds of [from, to) from the server's log. */
export async function fetchAvailability(
  from: number,
  to: number,
  stepS: number,
  signal?: AbortSignal,
): Promise<AvailabilityAnswer> {
  return availabilitySchema.parse(
    await getJson(`/api/v1/stats/availability?from=${from}&to=${to}&step=${stepS}`, signal),
  );
}
