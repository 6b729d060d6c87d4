/**
 * OGC API – Features on a real server, checked against the standard's rules as the OGC's own
 * executable test suite checks them (opengeospatial/ets-ogcapi-features10):
 * - src/main/java/org/opengis/cite/ogcapifeatures10/conformance/core/collections/FeaturesAssertions.java:
 *   numberReturned = number of features; numberMatched = all features reached by following `next`;
 * - …/core/collections/FeaturesBBox.java: its test boxes (across the prime meridian, the equator, the
 *   antimeridian 177,65,-177,70, the poles): only features whose geometry lies in the box, CRS84;
 * - …/core/collections/FeaturesErrorConditions.java: `limit=unlimited` and an unknown parameter
 *   (`unknownQueryParameter<n>`) answer 400;
 * and the parameter definitions of opengeospatial/ogcapi-features core/openapi/parameters/limit.yaml
 * (1-10000, default 10) and datetime.yaml (its examples: an instant, a closed and two open intervals).
 * Sign-in, district rule, redaction and audit as GET /api/v1/snapshot.
 */
import { OgcApiEndpoint, setFetchOptions } from '@camptocamp/ogc-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { DEFAULT_PRINCIPAL, TEST_TOKEN, post, sessionFor, startTestServer } from '../testing/harness.ts';

let server: LageServer;
let op: string;
let opKoeln: string;
let wall: string;
const now = Date.now();
const CALLER = 'Erika Geheim';

interface Link {
  href: string;
  rel: string;
  type: string;
}
interface Fc {
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

async function get(path: string, token: string | null = op) {
  const res = await fetch(path.startsWith('http') ? path : `${server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: (await res.json()) as Record<string, unknown> };
}
const link = (links: Link[], rel: string, type?: string) =>
  links.find((l) => l.rel === rel && (type === undefined || l.type === type));

beforeAll(async () => {
  server = await startTestServer();
  op = sessionFor(server, DEFAULT_PRINCIPAL);
  opKoeln = sessionFor(server, {
    name: 'op-koeln',
    roles: ['operator'],
    kind: 'user',
    districts: ['PP Köln'],
  });
  wall = sessionFor(server, { name: 'wand', roles: ['wall'], kind: 'user' });
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
});
afterAll(async () => server?.close());

describe('landing page, conformance, API definition, collections', () => {
  it('the landing page links to service-desc, conformance and data (/req/core/root-success), all reachable', async () => {
    const { status, type, body } = await get('/ogc');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    const links = body['links'] as Link[];
    for (const l of links)
      expect(l).toEqual(
        expect.objectContaining({
          href: expect.any(String),
          rel: expect.any(String),
          type: expect.any(String),
        }),
      );
    for (const rel of ['self', 'service-desc', 'conformance', 'data']) {
      const l = link(links, rel);
      expect(l, rel).toBeDefined();
      const r = await get(l!.href);
      expect(r.status, rel).toBe(200);
      expect(r.type.split(';')[0]).toBe(l!.type.split(';')[0]);
    }
  });

  it('conformance declares core, GeoJSON and OpenAPI 3.0', async () => {
    const { body } = await get('/ogc/conformance');
    expect(body['conformsTo']).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      ]),
    );
  });

  it('the API definition declares bbox as limit.yaml/bbox.yaml do, and no free-form parameters', async () => {
    const { body } = await get('/ogc/api');
    expect(body['openapi']).toMatch(/^3\.0/);
    const params = (body['paths'] as Record<string, { get: { parameters: Record<string, unknown>[] } }>)[
      '/collections/{collectionId}/items'
    ]!.get.parameters;
    expect(params.find((p) => p['name'] === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 10000, default: 10 },
      style: 'form',
      explode: false,
    });
    expect(params.find((p) => p['name'] === 'bbox')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'array', items: { type: 'number' } },
      style: 'form',
      explode: false,
    });
    expect(
      params.some((p) => p['schema'] && (p['schema'] as Record<string, unknown>)['additionalProperties']),
    ).toBe(false);
  });

  it('collections units and incidents, each with an items link in GeoJSON and an extent in CRS84', async () => {
    const { body } = await get('/ogc/collections');
    const cols = body['collections'] as {
      id: string;
      links: Link[];
      extent: { spatial: { bbox: number[][] } };
    }[];
    expect(cols.map((c) => c.id)).toEqual(['units', 'incidents']);
    expect(link(body['links'] as Link[], 'self')).toBeDefined();
    for (const c of cols) {
      const items = link(c.links, 'items', 'application/geo+json');
      expect(items, c.id).toBeDefined();
      expect((await get(items!.href)).status).toBe(200);
      const [w, s, e, n] = c.extent.spatial.bbox[0]!;
      expect(w! <= e! && s! <= n!).toBe(true);
      const one = await get(`/ogc/collections/${c.id}`);
      expect(one.body).toMatchObject({ id: c.id, itemType: 'feature' });
    }
  });

  it('404 for an unknown collection, feature or resource, with a message', async () => {
    for (const p of [
      '/ogc/collections/vehicles',
      '/ogc/collections/vehicles/items',
      '/ogc/collections/units/items/nope',
      '/ogc/other',
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(String(r.body['error'])).toMatch(/^no /);
      expect(r.body['code']).toBe('NotFound');
    }
  });
});

describe('items (ets-ogcapi-features10: FeaturesAssertions, FeaturesBBox, FeaturesErrorConditions)', () => {
  it('a FeatureCollection in application/geo+json; numberReturned = features; self and alternate with rel and type', async () => {
    const { status, type, body } = await get('/ogc/collections/units/items');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/geo\+json/);
    const fc = body as unknown as Fc;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.numberReturned).toBe(fc.features.length);
    expect(fc.numberReturned).toBe(10); // limit.yaml: default 10
    expect(Number.isNaN(Date.parse(fc.timeStamp))).toBe(false);
    expect(link(fc.links, 'self', 'application/geo+json')).toBeDefined();
    expect(link(fc.links, 'alternate', 'application/json')).toBeDefined();
    for (const l of fc.links) expect(typeof l.rel === 'string' && typeof l.type === 'string').toBe(true);
    const alt = await get(link(fc.links, 'alternate')!.href);
    expect(alt.type).toMatch(/^application\/json/);
    expect((alt.body as unknown as Fc).features).toEqual(fc.features);
  });

  it('numberMatched = every feature reached through next links, each once; prev leads back', async () => {
    const first = (await get('/ogc/collections/units/items?limit=7')).body as unknown as Fc;
    const seen: string[] = [];
    let page: Fc | undefined = first;
    let last = first;
    while (page) {
      seen.push(...page.features.map((f) => f.id));
      expect(page.numberReturned).toBe(page.features.length);
      last = page;
      const next = link(page.links, 'next');
      page = next ? ((await get(next.href)).body as unknown as Fc) : undefined;
    }
    expect(first.numberMatched).toBe(27);
    expect(seen.length).toBe(first.numberMatched);
    expect(new Set(seen).size).toBe(seen.length);
    const prev = (await get(link(last.links, 'prev')!.href)).body as unknown as Fc;
    expect(prev.features.map((f) => f.id)).toEqual(seen.slice(14, 21));
  });

  it('units as points (lon, lat) with callsign, FMS status, stale; incidents with type and priority', async () => {
    const d1 = (await get('/ogc/collections/units/items/d1')).body;
    expect(d1).toMatchObject({
      type: 'Feature',
      id: 'd1',
      geometry: { type: 'Point', coordinates: [6.77, 51.22] },
      properties: {
        callsign: 'Dü 12/1',
        status: 3,
        statusText: 'Einsatz übernommen',
        stale: true,
        speed: 12.5,
        heading: 90,
      },
    });
    expect(link(d1['links'] as Link[], 'self')).toBeDefined();
    const odd = await get(`/ogc/collections/units/items/${encodeURIComponent('x:1')}?f=json`);
    expect(odd.status).toBe(200);
    expect(odd.type).toMatch(/^application\/json/);
    expect(odd.body).toMatchObject({ id: 'x:1', geometry: null, properties: { stale: true } });
    const k1 = (await get('/ogc/collections/incidents/items/K1')).body;
    expect(k1).toMatchObject({
      geometry: { coordinates: [6.95, 50.94] },
      properties: { type: 'einbruch', priority: 2, state: 'neu' },
    });
  });

  const ids = async (query: string, collection = 'units') =>
    ((await get(`/ogc/collections/${collection}/items?limit=10000&${query}`)).body as unknown as Fc).features
      .map((f) => f.id)
      .sort();

  it.each([
    ['-1.5,50.0,1.5,53.0', []],
    ['-80.0,-5.0,-70.0,5.0', []],
    ['177.0,65.0,-177.0,70.0', []],
    ['-180.0,85.0,180.0,90.0', []],
    ['-180.0,-90.0,180.0,-85.0', []],
    ['177.0,-20,-177.0,-10', ['fiji']],
    ['6.7,51.1,6.8,51.3', ['d1']],
    ['6.7,51.1,0,6.8,51.3,100', ['d1']],
  ])('bbox %s: only the features inside it', async (bbox, expected) => {
    expect(await ids(`bbox=${bbox}`)).toEqual(expected);
  });

  it('bbox around Köln: the Köln units with a position, every coordinate inside', async () => {
    const fc = (await get('/ogc/collections/units/items?limit=100&bbox=6.85,50.85,7.1,51.0'))
      .body as unknown as Fc;
    expect(fc.numberMatched).toBe(24);
    for (const f of fc.features) {
      const [lon, lat] = f.geometry!.coordinates;
      expect(lon >= 6.85 && lon <= 7.1 && lat >= 50.85 && lat <= 51).toBe(true);
    }
  });

  it('datetime as in datetime.yaml: an instant, a closed interval and open intervals', async () => {
    const t = (ms: number) => new Date(ms).toISOString();
    expect(await ids(`datetime=${t(now - 30 * 60_000)}`)).toEqual(['d1']);
    expect(await ids(`datetime=${t(now - 40 * 60_000)}/${t(now - 20 * 60_000)}`)).toEqual(['d1']);
    expect((await ids(`datetime=${t(now - 10_000)}/..`)).length).toBe(25);
    expect(await ids(`datetime=../${t(now - 20 * 60_000)}`)).toEqual(['d1']);
    // Incidents last from opening to closing (open ones until now and on).
    expect(await ids(`datetime=${t(now - 30 * 60_000)}`, 'incidents')).toEqual(['K1']);
    expect(await ids(`datetime=${t(now)}/..`, 'incidents')).toEqual(['D1', 'K1']);
  });

  it('limit above the maximum is used as the maximum (limit.yaml: 10000), not an error', async () => {
    const r = await get('/ogc/collections/units/items?limit=50000');
    expect(r.status).toBe(200);
    expect(link((r.body as unknown as Fc).links, 'self')!.href).toContain('limit=10000');
  });

  it.each([
    ['limit=unlimited', /limit must be a whole number ≥ 1/],
    ['limit=0', /limit must be a whole number ≥ 1/],
    ['limit=-5', /limit must be/],
    ['unknownQueryParameter10234=1', /unknown query parameter "unknownQueryParameter10234"/],
    ['bbox-crs=http://www.opengis.net/def/crs/EPSG/0/25832', /unknown query parameter "bbox-crs"/],
    ['bbox=1,2,3', /bbox must be 4 or 6 comma-separated numbers/],
    ['bbox=a,b,c,d', /bbox must be 4 or 6/],
    ['bbox=0,0,1,1,1', /bbox must be 4 or 6/],
    ['bbox=0,91,1,92', /minLat 91 is outside -90..90/],
    ['bbox=0,10,1,5', /minLat 10 is north of maxLat 5/],
    ['bbox=190,0,200,1', /minLon 190 is outside -180..180/],
    ['datetime=yesterday', /datetime must be RFC 3339/],
    ['datetime=2026-02-30T00:00:00Z', /datetime must be RFC 3339/],
    ['datetime=../..', /at least one end/],
    ['datetime=2026-12-07T10:00:00Z/2026-12-07T09:00:00Z', /ends before it starts/],
    ['datetime=a/b/c', /one interval/],
    ['f=html', /f must be geojson or json/],
    ['offset=x', /offset must be a whole number ≥ 0/],
  ])('400 for %s, with a clear message', async (query, message) => {
    const r = await get(`/ogc/collections/units/items?${query}`);
    expect(r.status).toBe(400);
    expect(String(r.body['error'])).toMatch(message);
    expect(r.body).toMatchObject({ code: 'InvalidParameterValue', description: r.body['error'] });
  });

  it('a random fuzz of parameters: only 200 or 400, the server keeps answering, nothing stored', async () => {
    const before = server.lage.seq;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    const names = ['bbox', 'datetime', 'limit', 'offset', 'f', 'x', '', '__proto__', 'bbox[]'];
    const values = [
      '',
      '..',
      '/',
      ',,,',
      '1,2,3,4',
      '-0',
      '1e309',
      'NaN',
      '%00',
      '\u202e',
      '9'.repeat(400),
      '2026-12-07',
      '{"a":1}',
    ];
    for (let i = 0; i < 150; i++) {
      const q = new URLSearchParams();
      for (let j = 0; j < 3; j++) q.append(pick(names), pick(values));
      const r = await fetch(
        `${server.url}/ogc/collections/${pick(['units', 'incidents'])}/items?${q.toString()}`,
        {
          headers: { authorization: `Bearer ${op}` },
        },
      );
      expect([200, 400], q.toString()).toContain(r.status);
      const body = (await r.json()) as Record<string, unknown>;
      if (r.status === 400) expect(typeof body['error']).toBe('string');
    }
    expect((await get('/ogc/collections/units/items?limit=1')).status).toBe(200);
    expect(server.lage.seq).toBe(before);
  });
});

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
