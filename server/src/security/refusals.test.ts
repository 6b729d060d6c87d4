/**
 * Issue 13 point 3: every anonymous refused request wrote one durable audit row (180 rows/s from
 * one scanner, unbounded). Now: one row per source address and minute, with the count.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { startTestServer } from '../testing/harness.ts';
import { MAX_SOURCES, MINUTE_MS, OTHER_SOURCES, RefusalTally } from './refusals.ts';

let server: LageServer | undefined;
afterAll(async () => server?.close());

const anonymousRows = (s: LageServer) =>
  s.audit.list({ limit: 10_000 }).filter((e) => e.actor === 'anonymous' && e.action === 'refused');

describe('anonymous refusals on a real server', () => {
  it('180 refused requests from one address become one row per minute with the count', async () => {
    server = await startTestServer();
    const s = server;
    const paths = ['/api/v1/snapshot', '/api/v1/events', '/api/v1/audit'];
    for (let i = 0; i < 180; i++) {
      const res = await fetch(`${s.url}${paths[i % 3]!}`);
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
    // Counted, not written one by one.
    expect(anonymousRows(s).length).toBeLessThanOrEqual(1);
    s.auth.flushRefusals(true);
    const rows = anonymousRows(s);
    const minutes = new Set(rows.map((r) => r.details['minute']));
    // One row per minute the requests touched (two if they straddled a minute boundary).
    expect(rows.length).toBe(minutes.size);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.reduce((n, r) => n + Number(r.details['count']), 0)).toBe(180);
    for (const r of rows) {
      expect(r.details['ip']).toMatch(/127\.0\.0\.1/);
      expect(r.details['whys']).toEqual(['not signed in']);
      expect(r.details['targets']).toEqual(expect.arrayContaining(['GET /api/v1/snapshot']));
    }
    // The server keeps answering.
    const res = await fetch(`${s.url}/api/v1/health`);
    expect(res.status).toBe(200);
  });
});

describe('RefusalTally', () => {
  const T = Date.UTC(2026, 11, 7, 5, 0, 0);
  it('writes a minute only when it is over, per source, with count, targets and reasons', () => {
    const tally = new RefusalTally();
    tally.add('10.0.0.1', 'GET /a', 'not signed in', T);
    tally.add('10.0.0.1', 'GET /b', 'not signed in', T + 1_000);
    tally.add('10.0.0.2', 'GET /a', 'malformed sign-in request', T + 2_000);
    expect(tally.take(T + 59_999)).toEqual([]);
    tally.add('10.0.0.1', 'GET /a', 'not signed in', T + MINUTE_MS);
    const rows = tally.take(T + MINUTE_MS);
    expect(rows.map((r) => [r.details?.['ip'], r.details?.['count'], r.details?.['targets']])).toEqual([
      ['10.0.0.1', 2, ['GET /a', 'GET /b']],
      ['10.0.0.2', 1, ['GET /a']],
    ]);
    expect(rows[0]?.details?.['minute']).toBe(new Date(T).toISOString());
    expect(tally.take(T + MINUTE_MS, true).map((r) => r.details?.['count'])).toEqual([1]);
    expect(tally.take(T + 10 * MINUTE_MS, true)).toEqual([]);
  });

  it('bounds the sources of a minute: the rest are counted together', () => {
    const tally = new RefusalTally();
    for (let i = 0; i < MAX_SOURCES + 50; i++) tally.add(`10.1.${i >> 8}.${i & 255}`, 'GET /a', 'x', T);
    const rows = tally.take(T, true);
    expect(rows).toHaveLength(MAX_SOURCES + 1);
    expect(rows.at(-1)?.details).toMatchObject({ ip: OTHER_SOURCES, count: 50 });
  });
});
