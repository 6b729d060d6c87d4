/**
 * Changing the basemap from the dashboard, on a real server (loopback port, real data dir): a valid
 * entry is written into the settings file and served at once; bad entries are refused with a 400
 * naming the problem and leave file and map as they were; the file is replaced by a rename, never
 * rewritten in place; a damaged file is not overwritten; the permission check refuses.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authFetch, sessionFor, startTestServer, tempDir } from '../testing/harness.ts';
import type { LageServer } from '../app.ts';
import { DATA, FIXTURE, haveData } from '../../../tools/basemap/public.ts';
import { basemapRoutes } from './serve.ts';
import { loadBasemap } from './settings.ts';
import { BASEMAP_SETTINGS_PERMISSION } from './settingsWrite.ts';

const ARCHIVE = path.join(FIXTURE, 'openmaptiles_innsbruck_z0-14.pmtiles');

const put = async (base: string, body: unknown) => {
  const res = await authFetch(`${base}/api/v1/basemap/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error?: string; issues?: string[] } };
};
const summary = async (base: string) =>
  (await (await authFetch(`${base}/api/v1/basemap`)).json()) as {
    kind: string;
    archive: { name: string } | null;
  };
const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe.skipIf(!haveData(ARCHIVE))('PUT /api/v1/basemap/settings on a real server', () => {
  let dir: string;
  let file: string;
  let server: LageServer;
  const original = {
    basemap: { type: 'none' },
    overlays: [],
    retention: { days: 90 },
  };

  let maps: string;

  beforeEach(async () => {
    dir = tempDir();
    maps = tempDir('lagebild-maps-');
    file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify(original, null, 2));
    server = await startTestServer({ basemapDirs: [DATA, maps] }, dir);
  });
  afterEach(async () => server.close());

  it('answers the current entry and the file it lives in', async () => {
    const res = await authFetch(`${server.url}/api/v1/basemap/settings`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ file, basemap: { type: 'none' } });
  });

  it('writes a valid PMTiles entry, keeps the other sections, and serves the new map at once', async () => {
    const inodeBefore = fs.statSync(file).ino;
    const r = await put(server.url, { basemap: { type: 'pmtiles', path: ARCHIVE } });
    expect(r.status, r.json.error).toBe(200);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(written).toEqual({ ...original, basemap: { type: 'pmtiles', path: ARCHIVE } });
    // Replaced by a rename (a new file), never rewritten in place; no temporary file left behind.
    expect(fs.statSync(file).ino).not.toBe(inodeBefore);
    expect(leftovers(dir)).toEqual([]);
    const s = await summary(server.url);
    expect(s.kind).toBe('pmtiles');
    expect(s.archive?.name).toBe('openmaptiles_innsbruck_z0-14');
    const tile = await authFetch(`${server.url}/basemap/openmaptiles_innsbruck_z0-14/10/547/356.mvt`);
    expect([200, 204]).toContain(tile.status);
    const style = await authFetch(`${server.url}/api/v1/basemap/style?theme=light`);
    expect(style.status).toBe(200);
    // The next start reads the same document.
    const reloaded = await loadBasemap(file, { dataDir: dir, basemapDirs: [DATA] });
    expect(reloaded.config).toEqual({ type: 'pmtiles', path: ARCHIVE });
  });

  it('accepts a style URL, an XYZ template and a WMS service', async () => {
    for (const basemap of [
      { type: 'style', url: 'https://tiles.example.org/styles/bright/style.json' },
      { type: 'raster', tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'], attribution: '© X' },
      {
        type: 'wms',
        url: 'https://sgx.geodatenzentrum.de/wms_basemapde',
        layers: 'de_basemapde_web_raster_grau',
      },
    ]) {
      const r = await put(server.url, { basemap });
      expect(r.status, r.json.error).toBe(200);
      expect((await summary(server.url)).kind).toBe(basemap.type);
    }
    const redirect = await authFetch(`${server.url}/api/v1/basemap/style?theme=dark`, { redirect: 'manual' });
    expect(redirect.status).toBe(200); // the WMS is drawn from a style the server builds
  });

  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{"basemap": ', /malformed JSON/],
    ['no basemap key', { map: {} }, /expected a JSON object \{ "basemap"/],
    [
      'other keys',
      { basemap: { type: 'none' }, overlays: [] },
      /only "basemap" can be changed here, not: overlays/,
    ],
    ['unknown type', { basemap: { type: 'googlemaps' } }, /invalid basemap: basemap\.type/],
    [
      'not an archive name',
      { basemap: { type: 'pmtiles', path: '/etc/passwd' } },
      /must be a \.pmtiles archive/,
    ],
    [
      'missing archive',
      { basemap: { type: 'pmtiles', path: 'gone.pmtiles' } },
      /basemap\.path not found: .*gone\.pmtiles/,
    ],
    [
      'style URL not http',
      { basemap: { type: 'style', url: 'file:///etc/style.json' } },
      /must be an http\(s\) URL/,
    ],
    [
      'raster without tile tokens',
      { basemap: { type: 'raster', tiles: ['https://t.example.org/a.png'] } },
      /must contain \{z\}\/\{x\}\/\{y\}/,
    ],
    [
      'WMS without layers',
      { basemap: { type: 'wms', url: 'https://w.example.org/wms', layers: ' ' } },
      /must name at least one WMS layer/,
    ],
  ];
  it.each(bad)('refuses %s with a 400 that says why, and changes nothing', async (_name, body, message) => {
    const before = fs.readFileSync(file, 'utf8');
    const r = await put(server.url, body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(message);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
    expect((await summary(server.url)).kind).toBe('none');
  });

  it('refuses a file that is not a PMTiles archive (checked like at start)', async () => {
    const fake = path.join(maps, 'fake.pmtiles');
    fs.writeFileSync(fake, 'not an archive');
    const r = await put(server.url, { basemap: { type: 'pmtiles', path: fake } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/fake\.pmtiles is not a PMTiles v3 archive/);
    expect(r.json.error).not.toMatch(/\.tmp/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(original);
  });

  it('does not overwrite a settings file that was damaged by hand since the start', async () => {
    fs.writeFileSync(file, '{ "basemap": { "type": "none" }, oops');
    const r = await put(server.url, { basemap: { type: 'pmtiles', path: ARCHIVE } });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatch(/is not valid JSON .* left unchanged/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "basemap": { "type": "none" }, oops');
    expect(leftovers(dir)).toEqual([]);
  });

  it('creates <data-dir>/settings.json when the server started without one', async () => {
    await server.close();
    const fresh = tempDir();
    server = await startTestServer({ basemapDirs: [DATA] }, fresh);
    const r = await put(server.url, { basemap: { type: 'pmtiles', path: ARCHIVE } });
    expect(r.status, r.json.error).toBe(200);
    expect(JSON.parse(fs.readFileSync(path.join(fresh, 'settings.json'), 'utf8'))).toEqual({
      basemap: { type: 'pmtiles', path: ARCHIVE },
    });
  });

  it('refuses an operator without users.manage (403, audited by the server) and an anonymous caller (401)', async () => {
    const before = fs.readFileSync(file, 'utf8');
    const body = JSON.stringify({ basemap: { type: 'pmtiles', path: ARCHIVE } });
    const headers = { 'content-type': 'application/json' };
    const operator = sessionFor(server, { name: 'op', roles: ['operator'], kind: 'user' });
    const asOperator = await authFetch(
      `${server.url}/api/v1/basemap/settings`,
      { method: 'PUT', headers, body },
      operator,
    );
    expect(asOperator.status).toBe(403);
    expect(((await asOperator.json()) as { error: string }).error).toMatch(/users\.manage/);
    const read = await authFetch(`${server.url}/api/v1/basemap/settings`, {}, operator);
    expect(read.status).toBe(403);
    const anonymous = await fetch(`${server.url}/api/v1/basemap/settings`, { method: 'PUT', headers, body });
    expect(anonymous.status).toBe(401);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect((await summary(server.url)).kind).toBe('none');
  });

  it('allows only GET and PUT', async () => {
    const res = await authFetch(`${server.url}/api/v1/basemap/settings`, { method: 'DELETE' });
    expect(res.status).toBe(405);
  });
});

describe.skipIf(!haveData(ARCHIVE))('basemap settings permission', () => {
  const servers: http.Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it(`asks the central authorisation for ${BASEMAP_SETTINGS_PERMISSION} and refuses with 403`, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{"basemap":{"type":"none"}}');
    const asked: string[] = [];
    const routes = basemapRoutes(await loadBasemap(undefined, { dataDir: dir, basemapDirs: [DATA] }), {
      authorize: (req, permission) => {
        asked.push(`${req.method} ${permission}`);
        return req.headers['x-test-user'] === 'admin';
      },
    });
    const srv = http.createServer((req, res) => {
      void routes.handle(req, res, new URL(req.url ?? '/', 'http://localhost'));
    });
    servers.push(srv);
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/api/v1/basemap/settings`;
    const body = JSON.stringify({ basemap: { type: 'pmtiles', path: ARCHIVE } });
    const headers = { 'content-type': 'application/json' };
    const refused = await authFetch(url, { method: 'PUT', headers, body });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/needs the permission users\.manage/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"basemap":{"type":"none"}}');
    const ok = await authFetch(url, { method: 'PUT', headers: { ...headers, 'x-test-user': 'admin' }, body });
    expect(ok.status).toBe(200);
    expect(asked).toEqual(['PUT users.manage', 'PUT users.manage']);
    await routes.close();
  });
});
