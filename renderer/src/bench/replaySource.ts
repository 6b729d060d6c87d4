/**
 * The replay API over HTTP for the benches: the picture at T and pages of events, decoded and
 * checked like the replay view's own source does (zod for the picture, the live batch schema for the
 * compact position tuples), and a sink that loads them into the dashboard's picture store.
 */
import { z } from 'zod';
import { pictureSchema } from '#shared/schemas';
import { batchSchema, PROTOCOL_VERSION } from '#shared/wire';
import { DEFAULT_STALE_AFTER_MS, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { EventPage, ReplaySource } from '../replay/source.ts';
import type { ReplaySink } from '../replay/driver.ts';
import { foldEvents, replacePicture } from '../stores/pictureStore.ts';

const pictureAnswer = z.object({ t: z.number(), seq: z.number(), picture: pictureSchema });
const pageAnswer = z.object({
  events: z.array(z.unknown()),
  positions: z.array(z.unknown()).default([]),
  nextAfterSeq: z.number().nullable(),
});

export class HttpReplaySource implements ReplaySource {
  constructor(
    private readonly serverUrl: string,
    private readonly dataset = 'live',
    /** Extra request headers (a Bearer token outside the browser). */
    private readonly headers: Record<string, string> = {},
  ) {}

  private async get(route: string, params: Record<string, number>, signal?: AbortSignal): Promise<unknown> {
    const q = new URLSearchParams({ dataset: this.dataset });
    for (const [k, v] of Object.entries(params)) q.set(k, String(v));
    const res = await fetch(`${this.serverUrl}/api/v1/replay/${route}?${q}`, {
      headers: this.headers,
      signal,
    });
    if (!res.ok) throw new Error(`replay ${route}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  }

  async picture(t: number, signal?: AbortSignal): Promise<Picture> {
    return pictureAnswer.parse(await this.get('picture', { t: Math.round(t) }, signal)).picture as Picture;
  }

  async events(
    from: number,
    to: number,
    afterSeq: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<EventPage> {
    const params = { from: Math.floor(from), to: Math.ceil(to), afterSeq, limit };
    const page = pageAnswer.parse(await this.get('events', params, signal));
    const batch = batchSchema.parse({
      from: 1,
      to: 0,
      now: 0,
      events: page.events,
      positions: page.positions,
    });
    return { events: batch.events, nextAfterSeq: page.nextAfterSeq };
  }
}

/** Into the dashboard's own picture store, the way live snapshots and batches go. */
export const pictureStoreSink: ReplaySink = {
  replace(picture: Picture, t: number): void {
    replacePicture(picture, {
      protocol: PROTOCOL_VERSION,
      staleAfterMs: DEFAULT_STALE_AFTER_MS,
      batchMs: 100,
      now: t,
    });
  },
  fold(events: readonly LageEvent[], toSeq: number): void {
    foldEvents(events, toSeq);
  },
};
