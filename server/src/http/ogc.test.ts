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
 * (Sign-in, redaction, audit and a real client library: ogcAccess.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { getAs, link, startOgcServer, type Fc, type Link } from './ogcTestSupport.ts';

let server: LageServer;
let op: string;
let now: number;
const get = (path: string, token: string | null = op) => getAs(server, path, token);

beforeAll(async () => {
  ({ server, op, now } = await startOgcServer());
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
