import { describe, expect, it } from 'vitest';
import { parseCli } from './args.ts';
import { SimulatorInputError } from './errors.ts';
import { startSimulator } from './index.ts';

const base = ['--url', 'http://127.0.0.1:9', '--token', 'secret'];
const error = (argv: string[]): string => {
  try {
    parseCli(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(SimulatorInputError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
};

describe('command line', () => {
  it('parses the options with their defaults', () => {
    expect(parseCli(base)).toMatchObject({
      url: 'http://127.0.0.1:9',
      token: 'secret',
      seed: 1,
      units: 60,
      speed: 1,
    });
    const o = parseCli([
      ...base,
      '--seed',
      '7',
      '--units',
      '12',
      '--center',
      '50.94, 6.96',
      '--rate',
      '40',
      '--speed',
      '10',
    ]);
    expect(o).toMatchObject({
      seed: 7,
      units: 12,
      center: { lat: 50.94, lon: 6.96 },
      ratePerHour: 40,
      speed: 10,
    });
    expect(parseCli(['--url', 'http://x:1/'], { LAGEBILD_INGEST_TOKEN: 'env' })).toMatchObject({
      url: 'http://x:1',
      token: 'env',
    });
    expect(parseCli([...base, '--simulate', '--parent-pid', '123'])).toMatchObject({ parentPid: 123 });
  });

  it('explains each mistake', () => {
    expect(error(['--token', 't'])).toBe('--url is required');
    // Several nodes, on the flag or in LAGEBILD_SERVER_URL; each must be a URL.
    expect(parseCli(['--token', 't'], { LAGEBILD_SERVER_URL: 'http://a:1/, http://b:2' }).url).toBe(
      'http://a:1,http://b:2',
    );
    expect(error(['--url', 'http://a:1,nope', '--token', 't'])).toMatch(
      /url must be an http\(s\) URL, got "nope"/,
    );
    expect(error(['--url', 'http://x'])).toBe('--token is required');
    expect(error(['--url', 'ftp://x', '--token', 't'])).toMatch(/url must be an http\(s\) URL/);
    expect(error([...base, '--units', 'many'])).toBe('--units must be a number, got "many"');
    expect(error([...base, '--units', '0'])).toMatch(/units must be an integer 1\.\.5000/);
    expect(error([...base, '--seed', '1.5'])).toMatch(/seed must be an integer/);
    expect(error([...base, '--rate=-3'])).toMatch(/rate must be 0\.\./);
    expect(error([...base, '--speed', '0'])).toMatch(/speed must be a time factor/);
    expect(error([...base, '--center', '51.2'])).toMatch(/--center must be "lat,lon"/);
    expect(error([...base, '--center', '95,6'])).toMatch(/center must be lat,lon with/);
    expect(error([...base, '--colour', 'blue'])).toMatch(/Unknown option '--colour'/);
    expect(error([...base, 'extra'])).toMatch(/positional argument/);
  });

  it('rejects unreadable or unsuitable files before anything is sent', () => {
    const start = (extra: object) => () =>
      startSimulator({ url: 'http://127.0.0.1:9', token: 't', ...extra, log: () => {} });
    expect(start({ roadsFile: '/nonexistent/roads.geojson' })).toThrow(
      /cannot read roads file \/nonexistent/,
    );
    expect(start({ roadsFile: 'package.json' })).toThrow(/not a GeoJSON FeatureCollection/);
    expect(start({ roadsFile: '../shared/data/koeln/amenity_police.geojson' })).toThrow(
      /has no LineString features/,
    );
    expect(
      start({
        stationsFile: '../shared/data/koeln/amenity_police.geojson',
        center: { lat: 48.1, lon: 11.6 },
      }),
    ).toThrow(/no police station .* within 1\.5 km/);
  });
});
