/**
 * Basemap files come only from the `--basemap-dir` folders (real path, links resolved) and never
 * from the data dir, on a real server (loopback port, real data dir): an admin cannot point the
 * sprite, style, glyphs, archive or an overlay at `users.json` or `local-credential.json` and have
 * them served to everyone; a link placed in a basemap folder that leads out of it is not followed;
 * odd `/basemap/…` paths are client errors (400/404), never a 500 with a stack trace in the log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authFetch, startTestServer, tempDir } from '../testing/harness.ts';
import type { LageServer } from '../app.ts';
import { FIXTURE, haveData } from '../../../tools/basemap/public.ts';

const ARCHIVE = path.join(FIXTURE, 'openmaptiles_innsbruck_z0-14.pmtiles');
const STYLE_DIR = path.join(FIXTURE, 'osm-bright-gl-style');
const GLYPHS = path.join(FIXTURE, 'font-open-sans-semibold');

const put = async (base: string, basemap: unknown) => {
  const res = await authFetch(`${base}/api/v1/basemap/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ basemap }),
  });
  return { status: res.status, error: ((await res.json()) as { error?: string }).error ?? '' };
};

/** A basemap folder holding a copy of the fixture's archive, sprite and glyph ranges. */
function mapsFolder(): string {
  const maps = tempDir('lagebild-maps-');
  fs.copyFileSync(ARCHIVE, path.join(maps, 'innsbruck.pmtiles'));
  for (const f of ['sprite.json', 'sprite.png']) fs.copyFileSync(path.join(STYLE_DIR, f), path.join(maps, f));
  fs.mkdirSync(path.join(maps, 'glyphs'));
  fs.copyFileSync(path.join(GLYPHS, '0-255.pbf'), path.join(maps, 'glyphs', '0-255.pbf'));
  return maps;
}

describe.skipIf(!haveData(ARCHIVE, STYLE_DIR, GLYPHS))('basemap folders on a real server', () => {
  let server: LageServer | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await server?.close();
    server = undefined;
  });

  it("refuses a sprite, style, glyph folder or archive in the data dir, and doesn't serve it", async () => {
    const dataDir = tempDir();
    const maps = mapsFolder();
    // The basemap folder contains the data dir: the data dir stays out all the same.
    const parent = tempDir('lagebild-parent-');
    const nested = path.join(parent, 'data');
    fs.mkdirSync(nested);
    fs.copyFileSync(ARCHIVE, path.join(parent, 'innsbruck.pmtiles'));
    for (const [dir, roots] of [
      [dataDir, [maps]],
      [nested, [parent]],
    ] as const) {
      server = await startTestServer({ basemapDirs: [...roots] }, dir);
      expect(fs.existsSync(path.join(dir, 'local-credential.json'))).toBe(true);
      fs.copyFileSync(ARCHIVE, path.join(dir, 'copy.pmtiles'));
      fs.mkdirSync(path.join(dir, 'glyphs'), { recursive: true });
      const archive = path.join(roots[0], 'innsbruck.pmtiles');
      for (const entry of [
        { type: 'pmtiles', path: archive, sprite: path.join(dir, 'local-credential') },
        { type: 'pmtiles', path: archive, sprite: path.join(dir, 'users') },
        { type: 'pmtiles', path: archive, sprite: 'local-credential' },
        { type: 'pmtiles', path: archive, glyphs: path.join(dir, 'glyphs') },
        { type: 'pmtiles', path: path.join(dir, 'copy.pmtiles') },
      ]) {
        if (entry.sprite?.endsWith('users') && !fs.existsSync(path.join(dir, 'users.json')))
          fs.writeFileSync(path.join(dir, 'users.json'), '{"users":[]}');
        const r = await put(server.url, entry);
        expect(r.status, JSON.stringify(entry)).toBe(400);
        expect(r.error).toMatch(/is in the data dir, which is never served/);
      }
      const sprite = await authFetch(`${server.url}/basemap/sprite.json`);
      expect(sprite.status).toBe(404);
      expect(await sprite.text()).not.toContain('password');
      await server.close();
      server = undefined;
    }
  });

  it('refuses files outside every basemap folder, and links that lead out of one', async () => {
    const maps = mapsFolder();
    const elsewhere = mapsFolder();
    server = await startTestServer({ basemapDirs: [maps] });
    const archive = path.join(maps, 'innsbruck.pmtiles');
    const outside = await put(server.url, {
      type: 'pmtiles',
      path: archive,
      sprite: path.join(elsewhere, 'sprite'),
    });
    expect(outside.status).toBe(400);
    expect(outside.error).toMatch(
      /basemap\.sprite \(its \.json\) .* is not inside a basemap folder \(--basemap-dir /,
    );
    fs.symlinkSync(path.join(elsewhere, 'innsbruck.pmtiles'), path.join(maps, 'link.pmtiles'));
    const linked = await put(server.url, { type: 'pmtiles', path: path.join(maps, 'link.pmtiles') });
    expect(linked.status).toBe(400);
    expect(linked.error).toMatch(/not inside a basemap folder/);
    // Without any --basemap-dir, no file at all.
    await server.close();
    server = await startTestServer({});
    const none = await put(server.url, { type: 'pmtiles', path: archive });
    expect(none.error).toMatch(/none is configured \(--basemap-dir\)/);
  });

  it('serves sprite and glyphs from the folder, but no link placed there since that leads out', async () => {
    const maps = mapsFolder();
    const secret = path.join(tempDir('lagebild-secret-'), 'secret.pbf');
    fs.writeFileSync(secret, 'secret glyphs');
    server = await startTestServer({ basemapDirs: [maps] });
    const ok = await put(server.url, {
      type: 'pmtiles',
      path: path.join(maps, 'innsbruck.pmtiles'),
      sprite: path.join(maps, 'sprite'),
      glyphs: path.join(maps, 'glyphs'),
    });
    expect(ok.status, ok.error).toBe(200);
    expect((await authFetch(`${server.url}/basemap/sprite.json`)).status).toBe(200);
    expect((await authFetch(`${server.url}/basemap/glyphs/Open%20Sans/0-255.pbf`)).status).toBe(200);
    fs.symlinkSync(secret, path.join(maps, 'glyphs', '256-511.pbf'));
    fs.mkdirSync(path.join(maps, 'glyphs', 'Evil'));
    fs.symlinkSync(secret, path.join(maps, 'glyphs', 'Evil', '0-255.pbf'));
    for (const p of ['/basemap/glyphs/Open%20Sans/256-511.pbf', '/basemap/glyphs/Evil/0-255.pbf']) {
      const res = await authFetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('answers odd /basemap/ paths with 400/404 and logs no stack trace', async () => {
    const maps = mapsFolder();
    server = await startTestServer({ basemapDirs: [maps] });
    const ok = await put(server.url, {
      type: 'pmtiles',
      path: path.join(maps, 'innsbruck.pmtiles'),
      glyphs: path.join(maps, 'glyphs'),
    });
    expect(ok.status, ok.error).toBe(200);
    const logged = vi.spyOn(console, 'error');
    const cases: [string, number][] = [
      ['/basemap/glyphs/%E0%A4%A/0-255.pbf', 400],
      ['/basemap/glyphs/a%00b/0-255.pbf', 400],
      ['/basemap/innsbruck/40/1/1.mvt', 404],
      ['/basemap/innsbruck/3/8/1.mvt', 404],
      ['/basemap/innsbruck/99999999999999999999/0/0.mvt', 404],
      ['/basemap/overlays/..%2f..%2fusers.json', 404],
      ['/basemap/sprite.json', 404],
    ];
    for (const [p, status] of cases) {
      const res = await authFetch(`${server.url}${p}`);
      expect(res.status, p).toBe(status);
      expect(((await res.json()) as { error: string }).error, p).not.toMatch(/internal|\bat /);
    }
    expect(logged).not.toHaveBeenCalled();
  });

  it('refuses to start with the data dir as a basemap folder or an overlay in the data dir', async () => {
    const dataDir = tempDir();
    await expect(startTestServer({ basemapDirs: [dataDir] }, dataDir)).rejects.toThrow(
      /basemap folder .* is in the data dir/,
    );
    const maps = mapsFolder();
    fs.writeFileSync(path.join(dataDir, 'leak.geojson'), '{"type":"FeatureCollection","features":[]}');
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ overlays: [{ kind: 'districts', path: 'leak.geojson' }] }),
    );
    await expect(startTestServer({ basemapDirs: [maps] }, dataDir)).rejects.toThrow(
      /overlay .*leak\.geojson is in the data dir/,
    );
    await expect(startTestServer({ basemapDirs: [path.join(maps, 'gone')] })).rejects.toThrow(
      /basemap folder not found/,
    );
  });
});
