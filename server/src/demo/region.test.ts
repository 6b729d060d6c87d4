/**
 * The demo region (assets/demo-region, issue 15): `--simulate` without a road network of its own
 * starts on it — basemap, streets, districts and the simulator's roads and stations — from the
 * repository alone (no ../shared), and its settings stay read-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config.ts';
import type { LageServer } from '../app.ts';
import { authFetch, startTestServer, tempDir } from '../testing/harness.ts';
import { DEMO_FILES } from './region.ts';

const REGION = path.resolve('assets/demo-region');
const file = (name: string) => path.join(REGION, name);
const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('the demo region as the default of --simulate', () => {
  it('is used by --simulate without --roads: server streets/districts and the simulator files', () => {
    const c = parseConfig(['--simulate'], {}, '/srv');
    expect(c.region?.dir).toBe(REGION);
    expect(c.streets).toBe(file(DEMO_FILES.streets));
    expect(c.districts).toBe(file(DEMO_FILES.districts));
    expect(after(c.simulatorArgs, '--roads')).toBe(file(DEMO_FILES.streets));
    expect(after(c.simulatorArgs, '--stations')).toBe(file(DEMO_FILES.police));
    expect(after(c.simulatorArgs, '--districts')).toBe(file(DEMO_FILES.districts));
  });

  it('gives way to a road network of its own, to --region none, and to explicit files', () => {
    const own = parseConfig(['--simulate', '--roads', 'r.geojson'], {}, '/srv');
    expect(own.region).toBeUndefined();
    expect(own.simulatorArgs).toEqual(['--roads', 'r.geojson']);
    const none = parseConfig(['--simulate', '--region', 'none'], {}, '/srv');
    expect(none.region).toBeUndefined();
    expect(none.simulatorArgs).toEqual([]);
    const mixed = parseConfig(
      ['--simulate', '--streets', 's.geojson', '--stations', 'p.geojson'],
      {},
      '/srv',
    );
    expect(mixed.streets).toBe('/srv/s.geojson');
    expect(after(mixed.simulatorArgs, '--stations')).toBe('p.geojson');
    expect(parseConfig([], {}, '/srv').region).toBeUndefined();
  });

  it('refuses a region folder that lacks a file, naming it', () => {
    const empty = tempDir();
    expect(() => parseConfig(['--region', empty], {}, '/srv')).toThrow(ConfigError);
    expect(() => parseConfig(['--region', empty], {}, '/srv')).toThrow(/settings\.json is missing/);
  });

  it('ships small: a few MB in all', () => {
    const bytes = fs.readdirSync(REGION).reduce((s, f) => s + fs.statSync(file(f)).size, 0);
    expect(bytes).toBeLessThan(6_000_000);
  });
});

describe('a real server on the demo region', () => {
  let server: LageServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the Köln basemap with its attribution and overlays, and geocodes Köln addresses', async () => {
    const dataDir = tempDir();
    const c = parseConfig(['--simulate', '--data-dir', dataDir], {}, process.cwd());
    server = await startTestServer({ region: c.region, streets: c.streets, districts: c.districts }, dataDir);
    const summary = (await (await authFetch(`${server.url}/api/v1/basemap`)).json()) as {
      archive: { bounds: number[] } | null;
      attribution: string | null;
      overlays: { id: string }[];
    };
    expect(summary.archive?.bounds[0]).toBeCloseTo(6.77, 1);
    expect(summary.attribution).toContain('Stadt Köln (CC BY)');
    expect(summary.attribution).toContain('© OpenStreetMap contributors');
    expect(summary.overlays.map((o) => o.id)).toEqual([
      'stadtbezirke',
      'polizei',
      'feuerwehr',
      'krankenhaus',
    ]);
    // "Am Rosengarten", left side 93-97, in Ehrenfeld: from the shipped register, not ../shared.
    const rev = await authFetch(`${server.url}/api/v1/geocode/reverse?lat=50.96032&lon=6.89585`);
    expect(rev.status).toBe(200);
    expect(await rev.json()).toMatchObject({ street: 'Am Rosengarten', district: 'Ehrenfeld' });
  });

  it('geocodes on the shipped register without 404s: the Rhine, a typed address, the districts', async () => {
    const dataDir = tempDir();
    const c = parseConfig(['--simulate', '--data-dir', dataDir], {}, process.cwd());
    server = await startTestServer({ region: c.region, streets: c.streets, districts: c.districts }, dataDir);
    // In the Rhine north of the Hohenzollernbrücke: no street within 150 m is an answer, not a 404.
    const river = await authFetch(`${server.url}/api/v1/geocode/reverse?lat=50.95&lon=6.975`);
    expect(river.status).toBe(200);
    expect(await river.json()).toEqual({
      address: null,
      reason: 'no street within 150 m',
      district: 'Innenstadt',
    });
    // Typed: "Hohe Straße 100" is on the right-hand range 96-122 of a segment in the Innenstadt
    // (Stadt Köln's Straßenabschnitte, written "Hohe Str."), then the same street in Porz ("En").
    const typed = await authFetch(
      `${server.url}/api/v1/geocode/search?q=${encodeURIComponent('Hohe Straße 100')}`,
    );
    expect(typed.status).toBe(200);
    const { results } = (await typed.json()) as { results: Record<string, unknown>[] };
    expect(results.map((r) => [r['address'], r['district'], r['exact']])).toEqual([
      ['Hohe Str. 100', 'Innenstadt', true],
      ['Hohe Str. En 100', 'Porz', true],
    ]);
    // Bad input gets a clear error.
    const empty = await authFetch(`${server.url}/api/v1/geocode/search?q=%20`);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toMatch(/q is required/);
    expect((await authFetch(`${server.url}/api/v1/geocode/search?q=Ring&limit=11`)).status).toBe(400);
    // The Bereich filter's districts: Köln's nine Stadtbezirke.
    const districts = (await (await authFetch(`${server.url}/api/v1/geo/districts`)).json()) as {
      districts: string[];
    };
    expect(districts.districts).toEqual([
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
  });

  it('saves a basemap changed in the dashboard to the data dir, never into the shipped region', async () => {
    const dataDir = tempDir();
    const before = fs.readFileSync(file(DEMO_FILES.settings), 'utf8');
    const c = parseConfig(['--simulate', '--data-dir', dataDir], {}, process.cwd());
    server = await startTestServer({ region: c.region }, dataDir);
    const res = await authFetch(`${server.url}/api/v1/basemap/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ basemap: { type: 'none' } }),
    });
    expect(res.status).toBe(200);
    expect(fs.readFileSync(file(DEMO_FILES.settings), 'utf8')).toBe(before);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      basemap: { type: 'none' },
    });
  });
});
