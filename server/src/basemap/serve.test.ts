import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBasemap } from '../../../tools/basemap/public.ts';
import { loadBasemap } from './settings.ts';
import { tileRange } from '../../../tools/basemap/public.ts';
import { basemapRoutes, type BasemapRoutes } from './serve.ts';
import {
  decodeTile,
  FIXTURE,
  haveData,
  KOELN_DISTRICTS,
  KOELN_ROADS,
  layerProps,
  options,
  tempFile,
  testPlaces,
} from '../../../tools/basemap/public.ts';

/** The routes on a real loopback server, mounted the way app.ts is asked to mount them. */
async function serve(routes: BasemapRoutes): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    routes.handle(req, res, new URL(req.url ?? '/', 'http://localhost')).then(
      (handled) => handled || res.writeHead(404).end('not ours'),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      await routes.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface StyleBody {
  name: string;
  sources: Record<string, { tiles?: string[]; data?: string }>;
  'font-faces': Record<string, { url: string }[]>;
}
interface Info {
  kind: string;
  archive: unknown;
  overlays: unknown[];
}
const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

function settings(value: unknown): string {
  const file = tempFile('settings.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe.skipIf(!haveData(KOELN_ROADS, KOELN_DISTRICTS))('basemap routes', () => {
  let srv: { url: string; close(): Promise<void> };
  let archive: string;
  beforeAll(async () => {
    archive = tempFile('koeln.pmtiles');
    buildBasemap(
      options([
        '--input',
        KOELN_ROADS,
        '--areas',
        KOELN_DISTRICTS,
        '--output',
        archive,
        '--minzoom',
        '10',
        '--maxzoom',
        '12',
      ]),
    );
    const file = settings({
      basemap: { type: 'pmtiles', path: archive },
      overlays: [{ kind: 'districts', path: KOELN_DISTRICTS, label: 'STB_NAME' }],
    });
    srv = await serve(basemapRoutes(await loadBasemap(file, testPlaces())));
  });
  afterAll(() => srv?.close());

  it('describes the basemap and answers the style per theme', async () => {
    const info = await getJson<Info>(`${srv.url}/api/v1/basemap`);
    expect(info).toMatchObject({
      kind: 'pmtiles',
      archive: { name: 'koeln', url: '/basemap/koeln.pmtiles', minzoom: 10 },
    });
    expect(info.overlays).toEqual([
      { id: 'districts', kind: 'districts', label: 'STB_NAME', url: '/basemap/overlays/districts.geojson' },
    ]);
    const light = await getJson<StyleBody>(`${srv.url}/api/v1/basemap/style?theme=light`);
    expect(light.name).toMatch(/hell/);
    expect(light.sources.basemap?.tiles).toEqual([`${srv.url}/basemap/koeln/{z}/{x}/{y}.mvt`]);
    expect((await fetch(`${srv.url}/api/v1/basemap/style?theme=blue`)).status).toBe(400);
    expect((await fetch(`${srv.url}/api/v1/basemap/style`, { method: 'POST' })).status).toBe(405);
  });

  it('serves the archive by byte ranges', async () => {
    const res = await fetch(`${srv.url}/basemap/koeln.pmtiles`, { headers: { range: 'bytes=0-126' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-126/${fs.statSync(archive).size}`);
    const head = Buffer.from(await res.arrayBuffer());
    expect(head.subarray(0, 7).toString()).toBe('PMTiles');
    expect(head[7]).toBe(3);
  });

  it('serves decoded tiles, fonts and overlays, and every URL the style fetches', async () => {
    const style = await getJson<StyleBody>(`${srv.url}/api/v1/basemap/style?theme=dark`);
    // Köln cathedral (6.958 E, 50.941 N) lies in tile 12/2127/1372.
    const { x0, y0 } = tileRange([6.958, 50.941, 6.958, 50.941], 12);
    expect([x0, y0]).toEqual([2127, 1372]);
    const tileUrl = (style.sources.basemap?.tiles?.[0] ?? '').replace('{z}/{x}/{y}', '12/2127/1372');
    const tile = await fetch(tileUrl);
    expect(tile.status).toBe(200);
    const roads = layerProps(decodeTile(await tile.arrayBuffer()), 'roads');
    expect(roads.some((p) => p.name === 'Hohe Str.')).toBe(true);
    expect((await fetch(tileUrl.replace('12/2127/1372', '12/0/0'))).status).toBe(204);
    const fetched = [
      ...Object.values(style['font-faces'])
        .flat()
        .map((f) => f.url),
      style.sources['overlay-districts']?.data ?? '',
    ];
    for (const url of fetched) {
      expect(url.startsWith(srv.url), url).toBe(true);
      expect((await fetch(url)).status, url).toBe(200);
    }
    const font = await fetch(fetched[0] ?? '');
    expect(font.headers.get('content-type')).toBe('font/woff2');
  });

  it('refuses what it does not hold and leaves other paths alone', async () => {
    for (const p of [
      '/basemap/other.pmtiles',
      '/basemap/fonts/..%2f..%2fpackage.json',
      '/basemap/overlays/x.geojson',
      '/basemap/sprite.json',
    ])
      expect((await fetch(`${srv.url}${p}`)).status, p).toBe(404);
    expect(await (await fetch(`${srv.url}/api/v1/health`)).text()).toBe('not ours');
  });
});

describe.skipIf(!haveData(FIXTURE))('the OpenMapTiles fixture served offline', () => {
  it('serves its sprite and glyphs for any font stack', async () => {
    const file = settings({
      basemap: {
        type: 'pmtiles',
        path: path.join(FIXTURE, 'openmaptiles_innsbruck_z0-14.pmtiles'),
        style: path.join(FIXTURE, 'osm-bright-gl-style/style.json'),
        sprite: path.join(FIXTURE, 'osm-bright-gl-style/sprite'),
        glyphs: path.join(FIXTURE, 'font-open-sans-semibold'),
      },
    });
    const srv = await serve(basemapRoutes(await loadBasemap(file, testPlaces())));
    try {
      for (const p of [
        'sprite.json',
        'sprite@2x.png',
        'glyphs/Noto%20Sans%20Regular/0-255.pbf',
        'openmaptiles_innsbruck_z0-14/14/8710/5744.mvt',
      ])
        expect((await fetch(`${srv.url}/basemap/${p}`)).status, p).toBe(200);
      expect((await fetch(`${srv.url}/basemap/glyphs/x/99999-99999.pbf`)).status).toBe(404);
    } finally {
      await srv.close();
    }
  });
});
