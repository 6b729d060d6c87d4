/**
 * The route table on its own (matching) and on a real server: every route answers a method it
 * does not declare with 405, after the gate let the caller through — read from the table, so a
 * route added later is covered too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { TEST_TOKEN, defaultToken, startTestServer } from '../testing/harness.ts';
import { compilePath, routeFor, ROUTES } from './routeTable.ts';
import type { Method } from './route.ts';

describe('route paths', () => {
  it('match exactly, as a prefix, or with a parameter of one segment', () => {
    expect(compilePath('/api/v1/health')('/api/v1/health')).toEqual({});
    expect(compilePath('/api/v1/health')('/api/v1/health/')).toBeUndefined();
    expect(compilePath('/api/v1/replay/*')('/api/v1/replay/')).toEqual({});
    expect(compilePath('/api/v1/replay/*')('/api/v1/replay/a/b')).toEqual({});
    expect(compilePath('/api/v1/replay/*')('/api/v1/replay')).toBeUndefined();
    expect(compilePath('/api/v1/ingest/:kind')('/api/v1/ingest/units')).toEqual({ kind: 'units' });
    expect(compilePath('/api/v1/ingest/:kind')('/api/v1/ingest/')).toEqual({ kind: '' });
    expect(compilePath('/api/v1/ingest/:kind')('/api/v1/ingest/a/b')).toBeUndefined();
    expect(compilePath('/a.b/:x')('/aXb/1')).toBeUndefined();
  });

  it('a specific route comes before the prefix or parameter route that also matches it', () => {
    expect(routeFor('/api/v1/replay/export')?.route.id).toBe('replay.export');
    expect(routeFor('/api/v1/replay/picture')?.route.id).toBe('replay');
    expect(routeFor('/api/v1/ingest/tetra')?.route.id).toBe('ingest.tetra');
    expect(routeFor('/api/v1/ingest/positions')).toMatchObject({
      route: { id: 'ingest' },
      params: { kind: 'positions' },
    });
    expect(routeFor('/api/v1/nothing')).toBeUndefined();
    expect(routeFor('/index.html')).toBeUndefined();
  });

  it('ids are unique, and every route is reachable (no earlier route takes all its paths)', () => {
    expect(new Set(ROUTES.map((r) => r.id)).size).toBe(ROUTES.length);
    for (const r of ROUTES) {
      const sample = r.path.replace('/*', '/x').replace(/:[a-z]+/g, 'units');
      expect(routeFor(sample)?.route.id, r.path).toBe(r.id);
    }
  });
});

describe('methods a route does not take', () => {
  let server: LageServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const OTHER: readonly Method[] = ['GET', 'HEAD', 'POST', 'PUT'];
  const cases = ROUTES.flatMap((r) =>
    [...OTHER.filter((m) => !r.methods.includes(m)), 'DELETE'].map((m) => [r.id, m] as const),
  );
  it.each(cases)('%s answers %s with 405', async (id, method) => {
    const r = ROUTES.find((x) => x.id === id)!;
    const path = r.path.replace('/*', '/x').replace(/:[a-z]+/g, 'units');
    // The ingest routes take a device's token; every other route the harness's operator+admin.
    const asDevice = r.access === 'ingest.write';
    const token = asDevice ? TEST_TOKEN : defaultToken(server.url);
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(method === 'POST' || method === 'PUT' ? { body: '[]' } : {}),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(405);
  });
});
