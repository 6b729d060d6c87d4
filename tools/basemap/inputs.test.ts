import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';
import { buildBasemap } from './build.ts';
import { InputError } from './errors.ts';
import { options, tempFile } from './testing/data.ts';

const write = (name: string, content: string | Buffer): string => {
  const file = tempFile(name);
  fs.writeFileSync(file, content);
  return file;
};
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const line = (coords: number[][], props: Record<string, unknown> = { name: 'Hauptstraße' }) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'LineString', coordinates: coords },
});
const build = (argv: string[]) => () => buildBasemap(options([...argv, '--output', tempFile('out.pmtiles')]));

describe('builder options', () => {
  it.each([
    [[], /--input is required/],
    [['--input', 'a.geojson'], /--output is required/],
    [['--input', 'a.geojson', '--output', 'a.mbtiles'], /must end in \.pmtiles/],
    [['--input', 'a', '--output', 'a.pmtiles', '--minzoom', '12', '--maxzoom', '9'], /above --maxzoom/],
    [['--input', 'a', '--output', 'a.pmtiles', '--maxzoom', '23'], /from 0 to 20/],
    [['--input', 'a', '--output', 'a.pmtiles', '--bogus', '1'], /unknown option "--bogus"/],
    [['--input'], /--input needs a value/],
  ])('%j → %s', (argv, message) => {
    expect(() => parseArgs(argv, '/')).toThrow(message);
  });

  it('resolves paths and takes --flag=value', () => {
    const o = parseArgs(['--input=x.osm.pbf', '--output', 'out/r.pmtiles', '--areas', 'd.geojson'], '/w');
    expect(o).toMatchObject({ input: '/w/x.osm.pbf', output: '/w/out/r.pmtiles', areas: '/w/d.geojson' });
    expect(o).toMatchObject({ minzoom: 8, maxzoom: 15 });
    expect(parseArgs(['--help'], '/')).toBeUndefined();
  });
});

describe('bad inputs get clear errors', () => {
  it('a missing input', () => {
    expect(build(['--input', '/nonexistent/roads.geojson'])).toThrow(/input not found/);
  });

  it('an output folder that does not exist', () => {
    const roads = write(
      'r.geojson',
      fc([
        line([
          [6.9, 50.9],
          [6.95, 50.95],
        ]),
      ]),
    );
    const o = options(['--input', roads, '--output', '/nonexistent/dir/x.pmtiles']);
    expect(() => buildBasemap(o)).toThrow(/output folder does not exist: \/nonexistent\/dir/);
  });

  it('unsupported formats', () => {
    expect(build(['--input', write('a.osm', '<osm/>')])).toThrow(/OSM XML.*convert it to PBF/);
    expect(build(['--input', write('a.shp', 'x')])).toThrow(/unsupported input/);
  });

  it('a .pbf that is not an OSM extract', () => {
    expect(build(['--input', write('junk.osm.pbf', Buffer.from('hello world, not protobuf'))])).toThrow(
      /not a readable OSM PBF file/,
    );
    expect(build(['--input', write('empty.osm.pbf', Buffer.alloc(0))])).toThrow(/the file is empty/);
  });

  it('GeoJSON that is broken, not a collection, projected or without roads', () => {
    expect(build(['--input', write('a.geojson', '{"type":')])).toThrow(/not valid JSON/);
    expect(build(['--input', write('b.geojson', '{"type":"Feature"}')])).toThrow(
      /not a GeoJSON FeatureCollection/,
    );
    const utm = fc([
      line([
        [356000, 5645000],
        [357000, 5646000],
      ]),
    ]);
    expect(build(['--input', write('c.geojson', utm)])).toThrow(/not longitude\/latitude.*EPSG:4326/);
    const points = fc([
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [7, 51] } },
    ]);
    expect(build(['--input', write('d.geojson', points)])).toThrow(/no roads or water/);
  });

  it('areas without polygons or without the named property', () => {
    const roads = write(
      'r.geojson',
      fc([
        line([
          [6.9, 50.9],
          [6.95, 50.95],
        ]),
      ]),
    );
    expect(build(['--input', roads, '--areas', roads])).toThrow(/no Polygon or MultiPolygon/);
    const area = {
      type: 'Feature',
      properties: { GEN: 'Köln' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [6.8, 50.8],
            [7.1, 50.8],
            [7.1, 51.1],
            [6.8, 50.8],
          ],
        ],
      },
    };
    const areas = write('a.geojson', fc([area]));
    expect(build(['--input', roads, '--areas', areas, '--areas-name', 'STB'])).toThrow(
      /no area has the property "STB"/,
    );
    expect(
      buildBasemap(options(['--input', roads, '--areas', areas, '--output', tempFile('ok.pmtiles')])).notes,
    ).toContain('1 areas named by "GEN"');
  });

  it('the CLI exits with code 2 and one clear line', () => {
    const cli = path.join(import.meta.dirname, 'cli.ts');
    const r = spawnSync(
      'npx',
      ['tsx', cli, '--input', '/nonexistent.osm.pbf', '--output', tempFile('x.pmtiles')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('basemap: input not found: /nonexistent.osm.pbf');
    expect(new InputError('x')).toBeInstanceOf(Error);
  });
});
