import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { parseBasemapSettings } from '#shared/basemapSettings';
import { buildBasemap } from '../../../tools/basemap/public.ts';
import { loadBasemap, OWN_STYLES, type BasemapRuntime, type StyleJson } from './settings.ts';
import { basemapStyle } from './style.ts';
import {
  FIXTURE,
  haveData,
  KOELN_DISTRICTS,
  KOELN_POLICE,
  KOELN_ROADS,
  options,
  tempFile,
  testPlaces,
} from '../../../tools/basemap/public.ts';

const BASE = 'http://127.0.0.1:4711';

/** Writes a settings file next to nothing else; paths inside are absolute or relative to it. */
export function settingsFile(settings: unknown): string {
  const file = tempFile('settings.json');
  fs.writeFileSync(file, JSON.stringify(settings));
  return file;
}

function styleOf(
  rt: BasemapRuntime,
  theme: 'dark' | 'light' = 'dark',
  mode?: 'tiles' | 'pmtiles',
): StyleJson {
  const a = basemapStyle(rt, BASE, theme, mode);
  if (a.kind !== 'style') throw new Error(`expected a style, got ${a.kind}`);
  expect(validateStyleMin(a.style as never).map((e) => e.message)).toEqual([]);
  return a.style;
}

/** Every URL in a style must point at our own server. */
function foreignUrls(style: unknown): string[] {
  // Attribution links are only shown, never fetched.
  const fetched = JSON.stringify(style, (k, v: unknown) => (k === 'attribution' ? undefined : v));
  return (fetched.match(/(https?|pmtiles):\/\/[^"]+/g) ?? []).filter(
    (u) => !u.startsWith(BASE) && !u.startsWith(`pmtiles://${BASE}`),
  );
}

describe('basemap settings', () => {
  it('default to no basemap and no overlays', () => {
    expect(parseBasemapSettings({})).toEqual({
      ok: true,
      settings: { basemap: { type: 'none' }, overlays: [] },
    });
    expect(parseBasemapSettings({ language: 'de' }).ok).toBe(true);
  });

  it.each([
    [{ basemap: { type: 'vector' } }, /basemap.type/],
    [{ basemap: { type: 'pmtiles', path: 'x.mbtiles' } }, /basemap.path: must be a .pmtiles archive/],
    [{ basemap: { type: 'pmtiles', path: 'x.pmtiles', colour: 'red' } }, /colour/],
    [{ basemap: { type: 'raster', tiles: ['https://t.example/tiles.png'] } }, /must contain \{z\}/],
    [{ basemap: { type: 'style', url: 'file:///etc/passwd' } }, /http\(s\) URL/],
    [{ overlays: [{ kind: 'hospitals', path: 'a.geojson' }] }, /overlays.0.kind/],
    [
      {
        overlays: [
          { id: 'bezirke', kind: 'districts', path: 'a.geojson' },
          { id: 'bezirke', kind: 'stations', path: 'b.geojson' },
        ],
      },
      /the id "bezirke" is used twice/,
    ],
  ])('%j is refused: %s', (value, message) => {
    const r = parseBasemapSettings(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('; ')).toMatch(message);
  });

  it('load with clear errors for missing or broken files', async () => {
    expect((await loadBasemap(undefined, testPlaces(path.dirname(tempFile('x'))))).config).toEqual({
      type: 'none',
    });
    await expect(loadBasemap('/nonexistent/settings.json', testPlaces())).rejects.toThrow(
      /cannot read it \(ENOENT\)/,
    );
    const broken = tempFile('settings.json');
    fs.writeFileSync(broken, '{"basemap":');
    await expect(loadBasemap(broken, testPlaces())).rejects.toThrow(/not valid JSON/);
    const missing = settingsFile({ basemap: { type: 'pmtiles', path: 'gone.pmtiles' } });
    await expect(loadBasemap(missing, testPlaces())).rejects.toThrow(
      /basemap.path not found: .*gone.pmtiles/,
    );
    const notArchive = settingsFile({ basemap: { type: 'pmtiles', path: 'fake.pmtiles' } });
    fs.writeFileSync(path.join(path.dirname(notArchive), 'fake.pmtiles'), 'not an archive at all');
    await expect(loadBasemap(notArchive, testPlaces())).rejects.toThrow(/not a PMTiles v3 archive/);
  });
});

describe('the app styles', () => {
  it('are valid, alike in layers, and use the renderer font', () => {
    for (const s of Object.values(OWN_STYLES)) expect(validateStyleMin(s as never)).toEqual([]);
    const ids = (s: StyleJson) => s.layers.map((l) => l.id);
    expect(ids(OWN_STYLES.dark)).toEqual(ids(OWN_STYLES.light));
    const fonts = new Set(
      OWN_STYLES.dark.layers.flatMap((l) => (l.layout as { 'text-font'?: string[] })?.['text-font'] ?? []),
    );
    expect([...fonts]).toEqual(['Noto Sans Medium']);
  });
});

describe.skipIf(!haveData(KOELN_ROADS, KOELN_DISTRICTS, KOELN_POLICE))('styles from settings', () => {
  let rt: BasemapRuntime;
  beforeAll(async () => {
    const archive = tempFile('koeln.pmtiles');
    buildBasemap(
      options(['--input', KOELN_ROADS, '--output', archive, '--minzoom', '10', '--maxzoom', '12']),
    );
    const file = settingsFile({
      basemap: { type: 'pmtiles', path: archive },
      overlays: [
        { kind: 'districts', path: KOELN_DISTRICTS },
        { kind: 'stations', id: 'polizei', path: KOELN_POLICE, label: 'tags/name' },
      ],
    });
    rt = await loadBasemap(file, testPlaces());
  });

  it('serve the archive under the app layers with offline fonts and the overlays', () => {
    for (const theme of ['dark', 'light'] as const) {
      const s = styleOf(rt, theme);
      expect(s.sources).toMatchObject({
        basemap: {
          type: 'vector',
          tiles: [`${BASE}/basemap/koeln/{z}/{x}/{y}.mvt`],
          minzoom: 10,
          maxzoom: 12,
        },
        'overlay-districts': { type: 'geojson', data: `${BASE}/basemap/overlays/districts.geojson` },
        'overlay-polizei': { type: 'geojson', data: `${BASE}/basemap/overlays/polizei.geojson` },
      });
      expect(JSON.stringify(s['font-faces'])).toContain(
        `${BASE}/basemap/fonts/noto-sans-latin-500-normal.woff2`,
      );
      expect(s.layers.map((l) => l.id).slice(-4)).toEqual([
        'overlay-districts-line',
        'overlay-districts-label',
        'overlay-polizei-point',
        'overlay-polizei-label',
      ]);
      expect(foreignUrls(s)).toEqual([]);
    }
    expect(styleOf(rt, 'dark', 'pmtiles').sources).toMatchObject({
      basemap: { url: `pmtiles://${BASE}/basemap/koeln.pmtiles` },
    });
  });

  it('turn raster, WMS and style URLs into sources or a redirect', () => {
    const raster = styleOf({
      ...rt,
      config: {
        type: 'raster',
        tiles: ['https://tiles.example/{z}/{x}/{y}.png'],
        tileSize: 256,
        minzoom: 0,
        maxzoom: 19,
      },
    });
    expect(raster.layers.map((l) => l.type)).toContain('raster');
    const wms = styleOf({
      ...rt,
      config: {
        type: 'wms',
        url: 'https://sgx.geodatenzentrum.de/wms_basemapde',
        layers: 'de_basemapde_web_raster_grau',
        format: 'image/png',
        version: '1.3.0',
        maxzoom: 19,
      },
    });
    expect(JSON.stringify(wms.sources)).toContain('CRS=EPSG:3857&WIDTH=256&HEIGHT=256&BBOX={bbox-epsg-3857}');
    const redirect = basemapStyle(
      {
        ...rt,
        config: { type: 'style', url: { dark: 'https://a/dark.json', light: 'https://a/light.json' } },
      },
      BASE,
      'light',
    );
    expect(redirect).toEqual({ kind: 'redirect', url: 'https://a/light.json' });
    expect(basemapStyle({ ...rt, config: { type: 'none' } }, BASE, 'dark').kind).toBe('none');
  });
});

const FIXTURE_ARCHIVE = path.join(FIXTURE, 'openmaptiles_innsbruck_z0-14.pmtiles');
describe.skipIf(!haveData(FIXTURE_ARCHIVE))('the OpenMapTiles fixture with its own style', () => {
  it('points every source, sprite and glyph URL at this server', async () => {
    const rt = await loadBasemap(
      settingsFile({
        basemap: {
          type: 'pmtiles',
          path: FIXTURE_ARCHIVE,
          style: path.join(FIXTURE, 'osm-bright-gl-style/style.json'),
          sprite: path.join(FIXTURE, 'osm-bright-gl-style/sprite'),
          glyphs: path.join(FIXTURE, 'font-open-sans-semibold'),
        },
      }),
      testPlaces(),
    );
    expect(rt.archive).toMatchObject({ name: 'openmaptiles_innsbruck_z0-14', tileType: 'mvt', maxzoom: 14 });
    const s = styleOf(rt, 'light');
    expect(s.sprite).toBe(`${BASE}/basemap/sprite`);
    expect(s.glyphs).toBe(`${BASE}/basemap/glyphs/{fontstack}/{range}.pbf`);
    expect(Object.keys(s.sources as object)).toEqual(['openmaptiles']);
    expect(s.layers.length).toBeGreaterThan(100);
    expect(foreignUrls(s)).toEqual([]);
  });
});
