/**
 * JSON ingest requests that arrive together share one commit (routes.ts → groupCommit.ts): each is
 * still answered on its own — a bad request refused without touching the others, every good one
 * acknowledged with the seq of its own last event — and the log holds exactly the acknowledged items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { getJson, post, startTestServer, units } from '../testing/harness.ts';
import { GroupCommit } from './groupCommit.ts';

let server: LageServer;
beforeAll(async () => {
  server = await startTestServer();
  await post(server.url, 'units', units(5));
});
afterAll(() => server.close());

describe('concurrent ingest requests', () => {
  it('answers each request with its own result and seq, and stores exactly the good ones', async () => {
    const { seq: start } = await getJson<{ seq: number }>(`${server.url}/api/v1/health`);
    const bodies = Array.from({ length: 8 }, (_, r) =>
      Array.from({ length: 1 + r }, (_, k) => ({
        unitId: `u${k % 5}`,
        lat: 51 + r / 100,
        lon: 6.7 + k / 1000,
        // Request 3 has a bad item: refused as a whole.
        ...(r === 3 && k === 1 ? { lat: 95 } : {}),
      })),
    );
    // Submitted in one turn, as requests read together are: one group (over HTTP only sometimes).
    const group = new GroupCommit(server.lage, 1000);
    const acks = await Promise.all(bodies.map((b) => group.submit('positions', b, 'test')));
    const answers = acks.map((a) =>
      a.ok
        ? { status: 202, json: { accepted: a.accepted, seq: a.seq } as Record<string, unknown> }
        : { status: a.status, json: { error: a.error } as Record<string, unknown> },
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 400, 202, 202, 202, 202]);
    expect(answers[3]!.json.error).toMatch(/1 of 4 items invalid; nothing stored/);

    const { events } = await getJson<{ events: LageEvent[] }>(
      `${server.url}/api/v1/events?fromSeq=${start + 1}&limit=1000`,
    );
    const good = bodies.filter((_, r) => r !== 3);
    expect(events).toHaveLength(good.reduce((n, b) => n + b.length, 0));
    for (const [r, body] of bodies.entries()) {
      if (r === 3) continue;
      const { seq, accepted } = answers[r]!.json as { seq: number; accepted: number };
      expect(accepted).toBe(body.length);
      // The acknowledged seq is that of the request's last item; its items are the ones before it.
      const own = events.filter((e) => e.seq > seq - body.length && e.seq <= seq);
      expect(own.map((e) => e.type === 'unit.position' && [e.unitId, e.lat, e.lon])).toEqual(
        body.map((i) => [i.unitId, i.lat, i.lon]),
      );
    }
  });

  it('keeps arrival order around registrations and incidents: a status before a close is stored first', async () => {
    await post(server.url, 'incidents', [{ id: 'X1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 }]);
    const group = new GroupCommit(server.lage, 1000);
    const [status, close] = await Promise.all([
      group.submit('status', [{ unitId: 'u1', status: 3, incidentId: 'X1' }], 'test'),
      group.submit('incidents', [{ op: 'close', id: 'X1' }], 'test'),
    ]);
    expect(status).toMatchObject({ ok: true, accepted: 1 });
    expect(close).toMatchObject({ ok: true });
    expect(status.ok && close.ok && status.seq < close.seq).toBe(true);
  });

  it('over HTTP: concurrent requests are all acknowledged and stored', async () => {
    const { seq: start } = await getJson<{ seq: number }>(`${server.url}/api/v1/health`);
    const bodies = Array.from({ length: 6 }, (_, r) => [{ unitId: `u${r % 5}`, lat: 50 + r / 10, lon: 7 }]);
    const answers = await Promise.all(bodies.map((b) => post(server.url, 'positions', b)));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 202));
    const seqs = answers.map((a) => a.json.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(bodies.map((_, i) => start + 1 + i));
  });
});
