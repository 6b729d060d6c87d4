import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { basemapStore, reloadBasemap } from './basemapStore.ts';
import { basemapStyle, basemapSummary, prefetchBasemap } from './early.ts';

const SUMMARY = {
  kind: 'pmtiles',
  style: '/api/v1/basemap/style',
  overlaysInStyle: true,
  archive: { name: 'koeln', url: '/basemap/koeln.pmtiles' },
  attribution: null,
  overlays: [],
};
const style = (theme: string) => ({ version: 8, name: theme, sources: {}, layers: [] });

/** The server's answers, counted per path (what the page asked for and how often). */
let asked: string[] = [];
let failSummary = false;

beforeEach(() => {
  asked = [];
  failSummary = false;
  basemapStore.setState({ summary: null, revision: basemapStore.getState().revision + 1 });
  vi.stubGlobal('fetch', async (input: string) => {
    asked.push(input);
    await Promise.resolve();
    if (input === '/api/v1/basemap')
      return failSummary ? new Response('{}', { status: 401 }) : Response.json(SUMMARY);
    const theme = /theme=(\w+)/.exec(input)?.[1] ?? '?';
    return Response.json(style(theme));
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the basemap asked for early', () => {
  it('asks once for the summary and the style, and the first map takes both', async () => {
    prefetchBasemap('dark');
    const [a, b] = await Promise.all([basemapSummary(), basemapSummary()]);
    expect(a).toEqual(SUMMARY);
    expect(b).toBe(a);
    expect((await basemapStyle('dark')).name).toBe('dark');
    expect(asked).toEqual(['/api/v1/basemap', '/api/v1/basemap/style?theme=dark']);
    // Used once: the next switch (a theme change, a second map) asks the server again.
    await basemapStyle('dark');
    expect(asked.filter((p) => p.includes('style'))).toHaveLength(2);
  });

  it('does not use the early style for another theme or after the settings changed', async () => {
    prefetchBasemap('dark');
    expect((await basemapStyle('light')).name).toBe('light');
    // Asked again for the same theme and settings (main.tsx, after sign-in): nothing new is asked.
    prefetchBasemap('dark');
    reloadBasemap();
    await basemapSummary();
    expect(asked.filter((p) => p === '/api/v1/basemap')).toHaveLength(2);
    expect((await basemapStyle('dark')).name).toBe('dark');
    expect(asked.filter((p) => p.includes('theme=dark'))).toHaveLength(2);
  });

  it('asks again when prefetched once more after a refused summary (the page signed in since)', async () => {
    failSummary = true;
    prefetchBasemap('dark');
    await expect(basemapSummary()).rejects.toThrow('401');
    failSummary = false;
    prefetchBasemap('dark');
    expect((await basemapStyle('dark')).name).toBe('dark');
    expect(asked).toEqual(['/api/v1/basemap', '/api/v1/basemap', '/api/v1/basemap/style?theme=dark']);
  });

  it('forgets a failed summary request (e.g. asked before signing in): the next caller asks again', async () => {
    failSummary = true;
    prefetchBasemap('dark');
    await expect(basemapSummary()).rejects.toThrow('401');
    failSummary = false;
    expect(await basemapSummary()).toEqual(SUMMARY);
    // No early style came of the failed summary: the map fetches its own.
    expect((await basemapStyle('dark')).name).toBe('dark');
  });
});

describe('settings saved while the early requests are still on their way', () => {
  /** Answers held back until the test lets them go, in any order. */
  const held: { path: string; release(body: unknown): void }[] = [];
  const next = (path: string) => {
    const i = held.findIndex((h) => h.path.startsWith(path));
    if (i < 0) throw new Error(`no request for ${path}; asked: ${held.map((h) => h.path).join(', ')}`);
    return held.splice(i, 1)[0]!;
  };
  beforeEach(() => {
    held.length = 0;
    vi.stubGlobal(
      'fetch',
      (input: string) =>
        new Promise<Response>((resolve) =>
          held.push({ path: input, release: (b) => resolve(Response.json(b)) }),
        ),
    );
  });

  it("a save (local reload and the server's basemapChanged) asks again; older answers arriving late change nothing", async () => {
    // The page starts on archive A: its early summary came, its early style is still on its way.
    prefetchBasemap('dark');
    next('/api/v1/basemap').release({ ...SUMMARY, archive: { name: 'a', url: '/basemap/a.pmtiles' } });
    await vi.waitFor(() => expect(held.map((h) => h.path)).toContain('/api/v1/basemap/style?theme=dark'));
    const earlyStyle = next('/api/v1/basemap/style');
    // The admin saves archive B: the dashboard's own reload and the socket's basemapChanged, back to back.
    reloadBasemap();
    reloadBasemap();
    const fresh = basemapSummary();
    next('/api/v1/basemap').release(SUMMARY);
    expect((await fresh).archive?.name).toBe('koeln');
    // The style is asked for after the save; A's, arriving last, is never taken.
    const style = basemapStyle('dark');
    await vi.waitFor(() => expect(held.map((h) => h.path)).toContain('/api/v1/basemap/style?theme=dark'));
    earlyStyle.release(namedStyle('before-save'));
    next('/api/v1/basemap/style').release(namedStyle('after-save'));
    expect((await style).name).toBe('after-save');
  });
});
const namedStyle = (name: string) => ({ version: 8, name, sources: {}, layers: [] });
