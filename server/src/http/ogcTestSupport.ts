/**
 * A real server with a picture for the OGC API tests (ogc.test.ts, ogcAccess.test.ts): 27 units
 * (23 in Köln with positions, a handheld, one in Düsseldorf, one without a fix, one near Fiji across
 * the antimeridian) and two incidents, one with caller and description; sessions of an operator, an
 * operator limited to PP Köln and a wall.
 */
import { expect } from 'vitest';
import type { LageServer } from '../app.ts';
import { DEFAULT_PRINCIPAL, post, sessionFor, startTestServer } from '../testing/harness.ts';

export const CALLER = 'Erika Geheim';

export interface Link {
  href: string;
  rel: string;
  type: string;
}
export interface Fc {
  type: string;
  numberMatched: number;
  numberReturned: number;
  features: {
    id: string;
    geometry: { coordinates: [number, number] } | null;
    properties: Record<string, unknown>;
  }[];
  links: Link[];
  timeStamp: string;
}

export interface OgcFixture {
  server: LageServer;
  op: string;
  opKoeln: string;
  wall: string;
  now: number;
}

export const link = (links: Link[], rel: string, type?: string) =>
  links.find((l) => l.rel === rel && (type === undefined || l.type === type));

/** GET as JSON with a bearer token (null: anonymous). */
export async function getAs(server: LageServer, path: string, token: string | null) {
  const res = await fetch(path.startsWith('http') ? path : `${server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: (await res.json()) as Record<string, unknown> };
}

export async function startOgcServer(): Promise<OgcFixture> {
  const now = Date.now();
  const server = await startTestServer();
  const op = sessionFor(server, DEFAULT_PRINCIPAL);
  const opKoeln = sessionFor(server, {
    name: 'op-koeln',
    roles: ['operator'],
    kind: 'user',
    districts: ['PP Köln'],
  });
  const wall = sessionFor(server, { name: 'wand', roles: ['wall'], kind: 'user' });
  const units = Array.from({ length: 23 }, (_, i) => ({
    id: `k${String(i).padStart(2, '0')}`,
    callsign: `K 11/${i}`,
    kind: 'funkstreifenwagen',
    district: 'PP Köln',
    status: 2,
  }));
  expect(
    (
      await post(server.url, 'units', [
        ...units,
        { id: 'kh', callsign: 'K Hand 1', kind: 'handfunkgeraet', district: 'PP Köln', status: 2 },
        { id: 'd1', callsign: 'Dü 12/1', kind: 'funkstreifenwagen', district: 'PP Düsseldorf', status: 3 },
        { id: 'x:1', callsign: 'Sonder', kind: 'zivilfahrzeug', district: 'PP Köln', status: 1 },
        { id: 'fiji', callsign: 'Übung Fidschi', kind: 'zivilfahrzeug', district: 'PP Köln', status: 1 },
      ])
    ).status,
  ).toBe(202);
  expect(
    (
      await post(server.url, 'positions', [
        ...units.map((u, i) => ({
          unitId: u.id,
          lat: 50.9 + i * 0.002,
          lon: 6.9 + i * 0.002,
          time: now - 1000,
        })),
        { unitId: 'kh', lat: 50.94, lon: 6.95, time: now - 1000 },
        { unitId: 'd1', lat: 51.22, lon: 6.77, speed: 12.5, heading: 90, time: now - 30 * 60_000 },
        { unitId: 'fiji', lat: -17.7, lon: 178.1, time: now - 1000 },
      ])
    ).status,
  ).toBe(202);
  expect(
    (
      await post(server.url, 'incidents', [
        {
          id: 'K1',
          type: 'einbruch',
          priority: 2,
          lat: 50.94,
          lon: 6.95,
          district: 'PP Köln',
          time: now - 3600_000,
          description: 'Täter flüchtig',
          caller: { name: CALLER, phone: '0221 5550199' },
        },
        {
          id: 'D1',
          type: 'brand',
          priority: 1,
          lat: 51.22,
          lon: 6.77,
          district: 'PP Düsseldorf',
          time: now - 60_000,
        },
      ])
    ).status,
  ).toBe(202);
  return { server, op, opKoeln, wall, now };
}
