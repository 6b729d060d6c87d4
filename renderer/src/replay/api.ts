/**
 * The server's replay routes (`/api/v1/replay/…`, docs/api.md) as a ReplaySource plus the catalogue,
 * activity and export links. Every answer is checked before it reaches the stores.
 */
import { z } from 'zod';
import { callTypeSchema, incidentSchema, pictureSchema, prioritySchema } from '#shared/schemas';
import { batchSchema } from '#shared/wire';
import { DEFAULT_STALE_AFTER_MS, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { EventPage, ReplaySource } from './source.ts';
import { LIVE_DATASET } from './params.ts';

const range = z.object({ first: z.number().nullable(), last: z.number().nullable(), events: z.number() });
const datasetSchema = z.object({
  name: z.string(),
  from: z.number(),
  to: z.number(),
  events: z.number(),
  timeZone: z.string().optional(),
  description: z.string().optional(),
});
const catalogueSchema = z.object({
  live: range,
  datasets: z.array(datasetSchema.passthrough()),
  /** The server's `--stale-after`; an older server does not say (the default then). */
  staleAfterMs: z.number().int().positive().optional(),
});
export interface DatasetEntry {
  name: string;
  /** The dataset's time zone (its mapping's `time.timeZone`); the live log has none of its own. */
  timeZone?: string;
  /** First and last event time; null for an empty log. */
  first: number | null;
  last: number | null;
  events: number;
}

const pictureAnswer = z.object({ t: z.number(), seq: z.number(), picture: pictureSchema });
const pageAnswer = z.object({
  events: z.array(z.unknown()),
  positions: z.array(z.unknown()).default([]),
  nextAfterSeq: z.number().nullable(),
  /** The log's replay clock; for `received` the received time of each run of events. */
  clock: z.enum(['time', 'received']).optional(),
  received: z.array(z.tuple([z.number(), z.number()])).optional(),
});
const countsAnswer = z.object({
  buckets: z
    .array(z.object({ from: z.number(), events: z.number(), incidents: z.number().optional() }))
    .optional(),
  days: z.array(z.object({ day: z.string(), events: z.number(), incidents: z.number() })).optional(),
});
const markersAnswer = z.object({
  incidents: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      type: callTypeSchema,
      priority: prioritySchema,
      opened: z.number(),
      at: z.number(),
      closed: z.number().optional(),
    }),
  ),
});
type Marker = z.infer<typeof markersAnswer>['incidents'][number];
const incidentAnswer = z.object({ from: z.number(), to: z.number(), incident: incidentSchema });
export type FoundIncident = z.infer<typeof incidentAnswer>;

export interface Activity {
  /** Start of each bucket (epoch ms), equal widths. */
  from: number[];
  events: number[];
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { signal, credentials: 'same-origin' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && typeof body === 'object' && 'error' in body ? String(body.error) : res.statusText;
    throw new HttpProblem(res.status, `${res.status}: ${msg}`);
  }
  return body;
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new Error(`${what}: unexpected answer (${issue?.path.join('.') ?? ''} ${issue?.message ?? ''})`);
}

export class ReplayApi implements ReplaySource {
  constructor(
    private readonly serverUrl: string,
    readonly dataset: string,
    /** Sent with every picture and event page: the server audits who replays which period and why. */
    private readonly reason = '',
  ) {}

  private url(route: string, params: Record<string, string | number>): string {
    const q = new URLSearchParams();
    if (this.dataset !== LIVE_DATASET) q.set('dataset', this.dataset);
    for (const [k, v] of Object.entries(params)) q.set(k, String(v));
    if (
      this.reason &&
      (route === 'picture' || route === 'events' || route === 'incidents' || route === 'incident')
    )
      q.set('reason', this.reason);
    return `${this.serverUrl}/api/v1/replay/${route}?${q}`;
  }

  async picture(t: number, signal?: AbortSignal): Promise<Picture> {
    const body = parse(
      pictureAnswer,
      await getJson(this.url('picture', { t: Math.round(t) }), signal),
      'picture',
    );
    return body.picture as Picture;
  }

  async events(
    from: number,
    to: number,
    afterSeq: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<EventPage> {
    const url = this.url('events', { from: Math.floor(from), to: Math.ceil(to), afterSeq, limit });
    const page = parse(pageAnswer, await getJson(url, signal), 'events');
    // Positions come as compact tuples, as in live batches: the batch schema checks and decodes them.
    const batch = parse(
      batchSchema,
      { from: 1, to: 0, now: 0, events: page.events, positions: page.positions },
      'events',
    );
    if (page.clock === 'received' && page.received) applyReceived(batch.events, page.received);
    return { events: batch.events, nextAfterSeq: page.nextAfterSeq };
  }

  /** Events per time bucket of [from, to) for the sparkline; null when the server cannot say. */
  async activity(from: number, to: number, buckets: number, signal?: AbortSignal): Promise<Activity | null> {
    const body = parse(
      countsAnswer,
      await getJson(this.url('counts', { from, to, buckets }), signal),
      'counts',
    );
    if (!body.buckets) return null;
    return { from: body.buckets.map((b) => b.from), events: body.buckets.map((b) => b.events) };
  }

  /** Every incident called in [from, to], as the timeline marks it (ordered by call time). */
  async incidents(from: number, to: number, signal?: AbortSignal): Promise<Marker[]> {
    const url = this.url('incidents', { from: Math.floor(from), to: Math.ceil(to) });
    return parse(markersAnswer, await getJson(url, signal), 'incidents').incidents;
  }

  /**
   * An incident by id or number wherever it lies in the dataset, as after its last event, and its
   * period on the replay clock; undefined when the server knows none (404).
   */
  async incident(key: string, signal?: AbortSignal): Promise<FoundIncident | undefined> {
    try {
      return parse(incidentAnswer, await getJson(this.url('incident', { key }), signal), 'incident');
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 404) return undefined;
      throw e;
    }
  }

  exportUrl(format: 'geojson' | 'csv', from: number, to: number): string {
    return this.url('export', { format, from: Math.floor(from), to: Math.ceil(to) });
  }
}

export interface Catalogue {
  datasets: DatasetEntry[];
  /** Silence after which a unit counts as stale, as the live dashboards judge it. */
  staleAfterMs: number;
}

/** The live log and the imported datasets, with the time each covers, and the stale threshold. */
export async function fetchCatalogue(serverUrl: string, signal?: AbortSignal): Promise<Catalogue> {
  const body = parse(
    catalogueSchema,
    await getJson(`${serverUrl}/api/v1/replay/datasets`, signal),
    'datasets',
  );
  return {
    datasets: [
      { name: LIVE_DATASET, ...body.live },
      ...body.datasets.map((d) => ({
        name: d.name,
        first: d.from,
        last: d.to,
        events: d.events,
        ...(d.timeZone ? { timeZone: d.timeZone } : {}),
      })),
    ],
    staleAfterMs: body.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
  };
}

/**
 * Compact positions travel without their received time; for the live log (clock `received`) the
 * server sends it per run of events, [[first seq of the run, received], …], restored here.
 */
export function applyReceived(events: LageEvent[], runs: readonly [number, number][]): void {
  let r = -1;
  for (const e of events) {
    while (r + 1 < runs.length && runs[r + 1]![0] <= e.seq) r++;
    const run = runs[r];
    if (run) e.received = run[1];
  }
}
