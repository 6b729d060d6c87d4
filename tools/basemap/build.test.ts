import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Header, PMTiles } from 'pmtiles';
import { buildBasemap, summary, type BuildResult } from './build.ts';
import { openArchive, type FileSource } from '../../server/src/public.ts';
import { ROAD_CLASSES } from './classify.ts';
import { tileRange } from './tiler.ts';
import {
  decodeTile,
  haveData,
  KOELN_DISTRICTS,
  KOELN_ROADS,
  LAUF_PBF,
  layerProps,
  options,
  tempFile,
} from './testing/data.ts';

interface Built {
  result: BuildResult;
  archive: PMTiles;
  source: FileSource;
  header: Header;
}

async function build(argv: string[]): Promise<Built> {
  const output = tempFile('region.pmtiles');
  const result = buildBasemap(options([...argv, '--output', output, '--minzoom', '10', '--maxzoom', '14']));
  const { archive, source } = openArchive(output);
  return { result, archive, source, header: await archive.getHeader() };
}

/** Every tile of zoom z over the archive's bounds that the archive holds, decoded. */
async function tilesAt(b: Built, z: number) {
  const h = b.header;
  const r = tileRange([h.minLon, h.minLat, h.maxLon, h.maxLat], z);
  const out = [];
  for (let x = r.x0; x <= r.x1; x++)
    for (let y = r.y0; y <= r.y1; y++) {
      const t = await b.archive.getZxy(z, x, y);
      if (t) out.push(decodeTile(t.data));
    }
  return out;
}

function expectValidHeader(h: Header, bytes: number): void {
  expect(h.specVersion).toBe(3);
  expect(h.tileType).toBe(1);
  expect([h.minZoom, h.maxZoom]).toEqual([10, 14]);
  expect(h.clustered).toBe(true);
  expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
  expect(h.tileDataOffset + (h.tileDataLength ?? 0)).toBe(bytes);
}

describe.skipIf(!haveData(LAUF_PBF))('basemap from the Lauf OSM extract', () => {
  let b: Built;
  beforeAll(async () => {
    b = await build(['--input', LAUF_PBF]);
  });
  afterAll(() => b?.source.close());

  it('writes a valid PMTiles v3 archive over Lauf an der Pegnitz', () => {
    expectValidHeader(b.header, fs.statSync(b.result.output).size);
    expect(b.header.minLon).toBeCloseTo(11.25, 1);
    expect(b.header.minLat).toBeCloseTo(49.5, 1);
    expect(b.result.features.roads).toBeGreaterThan(2500);
    expect(summary(b.result, 10, 14)).toMatch(/features .*roads 2,\d{3}.* tiles, .* bytes .*zooms 10-14/);
  });

  it('has tiles at every zoom, with named and classed roads, water and waterways', async () => {
    for (let z = 10; z <= 14; z++) expect((await tilesAt(b, z)).length, `zoom ${z}`).toBeGreaterThan(0);
    const roads = (await tilesAt(b, 14)).flatMap((t) => layerProps(t, 'roads'));
    expect(roads.every((p) => (ROAD_CLASSES as readonly unknown[]).includes(p.class))).toBe(true);
    const classes = new Set(roads.map((p) => p.class));
    for (const c of ['motorway', 'primary', 'secondary', 'residential', 'service', 'path'])
      expect(classes).toContain(c);
    expect(roads.map((p) => p.name)).toContain('Rudolfshofer Straße');
    const z12 = await tilesAt(b, 12);
    expect(z12.flatMap((t) => layerProps(t, 'waterway')).map((p) => p.name)).toContain('Pegnitz');
    expect(z12.flatMap((t) => layerProps(t, 'water')).length).toBeGreaterThan(0);
  });

  it('keeps minor roads and buildings out of low zooms', async () => {
    const z10 = await tilesAt(b, 10);
    const classes = new Set(z10.flatMap((t) => layerProps(t, 'roads')).map((p) => p.class));
    expect(classes.has('residential')).toBe(false);
    expect(classes.has('primary')).toBe(true);
    expect(z10.some((t) => t.layers.buildings)).toBe(false);
    expect((await tilesAt(b, 14)).some((t) => t.layers.buildings)).toBe(true);
  });
});

describe.skipIf(!haveData(KOELN_ROADS, KOELN_DISTRICTS))(
  'basemap from the Köln streets and districts',
  () => {
    let b: Built;
    beforeAll(async () => {
      b = await build([
        '--input',
        KOELN_ROADS,
        '--areas',
        KOELN_DISTRICTS,
        '--attribution',
        'Stadt Köln (CC BY)',
      ]);
    });
    afterAll(() => b?.source.close());

    it('writes a valid archive with metadata naming its layers and credit', async () => {
      expectValidHeader(b.header, fs.statSync(b.result.output).size);
      const meta = (await b.archive.getMetadata()) as {
        attribution: string;
        vector_layers: { id: string }[];
      };
      expect(meta.attribution).toBe('Stadt Köln (CC BY)');
      expect(meta.vector_layers.map((l) => l.id)).toEqual(['roads', 'boundaries', 'area_labels']);
      expect(b.result.notes.join(' ')).toMatch(/names from "NAME".*guessed.*9 areas named by "STB_NAME"/);
    });

    it('has named roads with classes and the nine districts with their names', async () => {
      for (let z = 10; z <= 14; z++) expect((await tilesAt(b, z)).length, `zoom ${z}`).toBeGreaterThan(0);
      const z14 = await tilesAt(b, 14);
      const roads = z14.flatMap((t) => layerProps(t, 'roads'));
      expect(roads.length).toBeGreaterThan(5000);
      expect(roads.every((p) => typeof p.name === 'string' && p.name !== '')).toBe(true);
      expect(roads.filter((p) => p.class === 'motorway').map((p) => p.name)).toContain('BAB 4');
      const z10 = await tilesAt(b, 10);
      const districts = new Set(z10.flatMap((t) => layerProps(t, 'boundaries')).map((p) => p.name));
      expect([...districts].sort()).toEqual([
        'Chorweiler',
        'Ehrenfeld',
        'Innenstadt',
        'Kalk',
        'Lindenthal',
        'Mülheim',
        'Nippes',
        'Porz',
        'Rodenkirchen',
      ]);
      const labels = z10.flatMap((t) => layerProps(t, 'area_labels')).map((p) => p.name);
      expect(new Set(labels).size).toBe(9);
    });
  },
);
