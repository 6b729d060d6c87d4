/**
 * The server's incident queries: one incident's history (GET /api/v1/incidents/:id/events) and
 * incident counts per hour and type (GET /api/v1/stats/incidents). Answers are checked before use.
 * In the replay view they read the replayed dataset, and the history only up to the playhead.
 */
import { z } from 'zod';
import { CALL_TYPES } from '#shared/domain';
import { lageEventSchema, type LageEvent } from '#shared/schemas';
import { connectionStore } from '../stores/connectionStore.ts';
import { replayReadParams } from '../source/replayReads.ts';

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

/** The route with its query; in the replay view also the replay's own parameters (replayReads.ts). */
export function incidentApiUrl(
  route: string,
  params: Record<string, string | number>,
  { atPlayhead = false }: { atPlayhead?: boolean } = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(k, String(v));
  for (const [k, v] of Object.entries(replayReadParams({ atPlayhead }))) q.set(k, v);
  const query = q.toString();
  return `${connectionStore.getState().serverUrl}${route}${query ? `?${query}` : ''}`;
}

async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { signal });
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
    // In replay: only what the log held at the playhead.
    await getJson(
      incidentApiUrl(`/api/v1/incidents/${encodeURIComponent(incidentId)}/events`, {}, { atPlayhead: true }),
      signal,
    ),
  );
  return { events: body.events, truncated: body.truncated };
}

export async function fetchIncidentStats(
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<IncidentStats> {
  return statsSchema.parse(await getJson(incidentApiUrl('/api/v1/stats/incidents', { from, to }), signal));
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
    await getJson(incidentApiUrl('/api/v1/stats/availability', { from, to, step: stepS }), signal),
  );
}

const figureSchema = z.object({
  n: z.number().int().nonnegative(),
  medianS: z.number().nonnegative().nullable(),
  p90S: z.number().nonnegative().nullable(),
  missing: z.number().int().nonnegative(),
  early: z.number().int().nonnegative(),
});
const responseTimesSchema = z.object({
  from: z.number(),
  to: z.number(),
  n: z.number().int().nonnegative(),
  callToDispatch: figureSchema,
  callToFirstOnScene: figureSchema,
});
export type ResponseFigure = z.infer<typeof figureSchema>;
export type ResponseTimesAnswer = z.infer<typeof responseTimesSchema>;

/** Call to dispatch and to first unit on scene of the incidents called in [from, to) (docs/api.md). */
export async function fetchResponseTimes(
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<ResponseTimesAnswer> {
  return responseTimesSchema.parse(
    await getJson(incidentApiUrl('/api/v1/stats/response-times', { from, to }), signal),
  );
}
