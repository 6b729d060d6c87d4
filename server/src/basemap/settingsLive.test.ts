/**
 * A basemap saved in the settings reaches every open dashboard at once, on a real server (loopback
 * port, real data dir, real Socket.IO clients): after a successful PUT each live dashboard (admin,
 * operator limited to a district, analyst, wall user, an operator's wall view) gets one
 * `basemapChanged {changedAt}` on /live, validated with the shared schema; a refused save (400 bad
 * entry, 403 without users.manage, 409 damaged file) sends nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authFetch, sessionFor, sleep, startTestServer, tempDir, TestDashboard } from '../testing/harness.ts';
import type { LageServer } from '../app.ts';

const STYLE = { type: 'style', url: 'https://tiles.example.org/styles/bright/style.json' };

describe('basemapChanged on the live namespace', () => {
  let dir: string;
  let file: string;
  let server: LageServer;
  const dashboards: TestDashboard[] = [];

  const put = async (body: unknown, token?: string) => {
    const res = await authFetch(
      `${server.url}/api/v1/basemap/settings`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      },
      token,
    );
    return res.status;
  };
  const connect = async (opts: ConstructorParameters<typeof TestDashboard>[1] = {}) => {
    const d = new TestDashboard(server.url, opts);
    dashboards.push(d);
    await d.connected();
    await d.waitForSeq(0);
    return d;
  };
  const waitFor = async (check: () => boolean, what: string, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };

  beforeEach(async () => {
    dir = tempDir();
    file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ basemap: { type: 'none' } }));
    server = await startTestServer({}, dir);
  });
  afterEach(async () => {
    for (const d of dashboards.splice(0)) d.close();
    await server.close();
  });

  it('reaches every connected dashboard after a successful PUT, walls included', async () => {
    const token = (name: string, roles: ('operator' | 'analyst' | 'wall')[], districts?: string[]) =>
      sessionFor(server, { name, roles, kind: 'user', ...(districts ? { districts } : {}) });
    const all = [
      await connect(), // admin + operator (the harness default)
      await connect({ token: token('op-koeln', ['operator'], ['PP Köln']) }),
      await connect({ token: token('analyst', ['analyst']) }),
      await connect({ token: token('wall-1', ['wall']) }),
      await connect({ view: 'wall' }),
    ];
    const before = Date.now();
    expect(await put({ basemap: STYLE })).toBe(200);
    const after = Date.now();
    await waitFor(() => all.every((d) => d.basemapChanges.length === 1), 'every dashboard to hear of it');
    for (const d of all) {
      expect(d.errors).toEqual([]);
      expect(d.basemapChanges[0]).toBeGreaterThanOrEqual(before);
      expect(d.basemapChanges[0]).toBeLessThanOrEqual(after);
    }
    // The message carries nothing but the time: no user, no entry.
    const raw = new Promise<unknown>((resolve) => all[3]!.socket.once('basemapChanged', resolve));
    expect(await put({ basemap: { type: 'none' } })).toBe(200);
    expect(Object.keys((await raw) as object)).toEqual(['changedAt']);
    await waitFor(() => all.every((d) => d.basemapChanges.length === 2), 'the second change');
  });

  it('sends nothing for a refused save (400, 403, 409)', async () => {
    const d = await connect();
    const operator = sessionFor(server, { name: 'op', roles: ['operator'], kind: 'user' });
    expect(await put('{"basemap": ')).toBe(400);
    expect(await put({ basemap: { type: 'pmtiles', path: 'gone.pmtiles' } })).toBe(400);
    expect(await put({ basemap: { type: 'googlemaps' } })).toBe(400);
    expect(await put({ basemap: STYLE }, operator)).toBe(403);
    await sleep(300);
    expect(d.basemapChanges).toEqual([]);

    // Messages on one socket arrive in order: had a refusal sent one, it would come before this.
    const before = Date.now();
    expect(await put({ basemap: STYLE })).toBe(200);
    await waitFor(() => d.basemapChanges.length > 0, 'the change');
    await sleep(100);
    expect(d.basemapChanges).toHaveLength(1);
    expect(d.basemapChanges[0]).toBeGreaterThanOrEqual(before);

    fs.writeFileSync(file, '{ "basemap": { "type": "none" }, oops');
    expect(await put({ basemap: { type: 'none' } })).toBe(409);
    await sleep(300);
    expect(d.basemapChanges).toHaveLength(1);
    expect(d.errors).toEqual([]);
  });
});
