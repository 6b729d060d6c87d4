/**
 * OGC API – Features: read by a real client library, and signed in, district-limited, redacted and
 * audited exactly as GET /api/v1/snapshot.
 */
import { OgcApiEndpoint, setFetchOptions } from '@camptocamp/ogc-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../testing/harness.ts';
import { CALLER } from './ogcTestSupport.ts';
import type { LageServer } from '../app.ts';
import { getAs, startOgcServer, type Fc } from './ogcTestSupport.ts';

let server: LageServer;
let op: string;
let opKoeln: string;
let wall: string;
let now: number;
const get = (path: string, token: string | null = op) => getAs(server, path, token);

beforeAll(async () => {
  ({ server, op, opKoeln, wall, now } = await startOgcServer());
});
afterAll(async () => server?.close());

/**
 * A real client: @camptocamp/ogc-client (the OGC API library of GeoNetwork and other web GIS), in its
 * Node build, signed in by its fetch options as a GIS would be by QGIS' API Header.
 */
describe('read by a real client library (@camptocamp/ogc-client)', () => {
  it('finds the landing page, conformance, the feature collections and their extents', async () => {
    setFetchOptions({ headers: { authorization: `Bearer ${wall}` } });
    const endpoint = new OgcApiEndpoint(`${server.url}/ogc`);
    expect(await endpoint.hasFeatures).toBe(true);
    expect(await endpoint.conformanceClasses).toContain(
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    );
    expect(await endpoint.featureCollections).toEqual(['units', 'incidents']);
    const info = await endpoint.getCollectionInfo('units');
    expect(info).toMatchObject({ id: 'units', itemType: 'feature' });
    expect(info.extent).toMatchObject({ spatial: { crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' } });
    expect(info.itemFormats).toContain('application/geo+json');
  });

  it('pages, filters by bbox and datetime, and sees what the wall may see', async () => {
    setFetchOptions({ headers: { authorization: `Bearer ${wall}` } });
    const endpoint = new OgcApiEndpoint(`${server.url}/ogc`);
    const page1 = (await endpoint.getCollectionItems('units', 20, 0)) as unknown as Fc['features'];
    const page2 = (await endpoint.getCollectionItems('units', 20, 20)) as unknown as Fc['features'];
    expect(page1.length + page2.length).toBe(27);
    expect(new Set([...page1, ...page2].map((f) => f.id)).size).toBe(27);
    const inBox = (await endpoint.getCollectionItems(
      'units',
      100,
      0,
      undefined,
      undefined,
      [6.7, 51.1, 6.8, 51.3],
    )) as unknown as Fc['features'];
    expect(inBox.map((f) => f.id)).toEqual(['d1']);
    const during = (await endpoint.getCollectionItems(
      'incidents',
      10,
      0,
      undefined,
      undefined,
      undefined,
      undefined,
      {
        start: new Date(now - 40 * 60_000),
        end: new Date(now - 20 * 60_000),
      },
    )) as unknown as Fc['features'];
    expect(during.map((f) => f.id)).toEqual(['K1']);
    expect(JSON.stringify(during)).not.toContain(CALLER);
  });
});

describe('sign-in, district rule, redaction and audit as the snapshot', () => {
  it('anonymous: 401; an ingest token (no live.read): 403', async () => {
    const anon = await get('/ogc/collections', null);
    expect(anon.status).toBe(401);
    expect(String(anon.body['error'])).toMatch(/^sign in first/);
    const ingest = await get('/ogc/collections/units/items', TEST_TOKEN);
    expect(ingest.status).toBe(403);
    expect(String(ingest.body['error'])).toMatch(/lacks the permission live\.read/);
  });

  it('an operator limited to PP Köln sees neither Düsseldorf units nor incidents, not even by id', async () => {
    const units = ((await get('/ogc/collections/units/items?limit=100', opKoeln)).body as unknown as Fc)
      .features;
    expect(units.map((f) => f.properties['district'])).not.toContain('PP Düsseldorf');
    expect(units.length).toBe(26);
    expect((await get('/ogc/collections/units/items/d1', opKoeln)).status).toBe(404);
    expect((await get('/ogc/collections/incidents/items/D1', opKoeln)).status).toBe(404);
    const incidents = ((await get('/ogc/collections/incidents/items', opKoeln)).body as unknown as Fc)
      .features;
    expect(incidents.map((f) => f.id)).toEqual(['K1']);
  });

  it('a wall sees no caller or description and no handheld position; an operator does', async () => {
    const wallK1 = await get('/ogc/collections/incidents/items/K1', wall);
    expect(JSON.stringify(wallK1.body)).not.toContain(CALLER);
    expect(wallK1.body['properties']).not.toHaveProperty('description');
    expect((await get('/ogc/collections/units/items/kh', wall)).body['geometry']).toBeNull();
    const opK1 = await get('/ogc/collections/incidents/items/K1', op);
    expect(opK1.body['properties']).toMatchObject({ callerName: CALLER, description: 'Täter flüchtig' });
    expect((await get('/ogc/collections/units/items/kh', op)).body['geometry']).not.toBeNull();
  });

  it('views with personal data are audited (actor and ogc target); a wall’s are not', async () => {
    await get('/ogc/collections/incidents/items?limit=2', op);
    await get('/ogc/collections/incidents/items?limit=3', wall);
    const entries = server.audit.list({ limit: 10_000 });
    expect(
      entries.some(
        (e) => e.action === 'personal.view' && e.actor === 'operator' && e.target === 'ogc incidents',
      ),
    ).toBe(true);
    expect(entries.some((e) => e.action === 'personal.view' && e.actor === 'wand')).toBe(false);
  });

  it('only GET (and HEAD)', async () => {
    const r = await fetch(`${server.url}/ogc/collections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${op}` },
    });
    expect(r.status).toBe(405);
  });
});
