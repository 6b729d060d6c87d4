import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { basemapStore } from '../basemap/basemapStore.ts';
import { startedOn, startedOnBasemap, startingBasemap, takeStartedOn } from './startingBasemap.ts';
import { LABEL_FONT } from './style.ts';

const SUMMARY = {
  kind: 'pmtiles',
  style: '/api/v1/basemap/style',
  overlaysInStyle: false,
  archive: { name: 'koeln', url: '/basemap/koeln.pmtiles', bounds: [6.77, 50.83, 7.16, 51.09] },
  attribution: null,
  overlays: [{ id: 'stadtbezirke', kind: 'districts', label: 'NAME', url: '/basemap/overlays/stadtbezirke' }],
};
const style = (theme: string) => ({
  version: 8,
  name: theme,
  sources: { basemap: { type: 'vector', url: 'pmtiles://x' } },
  layers: [
    { id: 'background', type: 'background' },
    { id: 'roads', type: 'line', source: 'basemap', 'source-layer': 'roads' },
  ],
});

let asked: string[] = [];
let summary: unknown = SUMMARY;
let hold: Promise<void> = Promise.resolve();

beforeEach(() => {
  asked = [];
  summary = SUMMARY;
  hold = Promise.resolve();
  basemapStore.setState({ summary: null, revision: basemapStore.getState().revision + 1 });
  vi.stubGlobal('location', { href: 'http://127.0.0.1:4000/' });
  vi.stubGlobal('fetch', async (input: string) => {
    asked.push(input);
    await hold;
    if (input === '/api/v1/basemap') return Response.json(summary);
    return Response.json(style(/theme=(\w+)/.exec(input)?.[1] ?? '?'));
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the basemap a map is created on', () => {
  it("is the theme's style with its overlays and the app's font; all of it counts as basemap", async () => {
    const s = await startingBasemap('light');
    expect(s).not.toBeNull();
    expect(s?.style.name).toBe('light');
    expect(s?.style.layers.map((l) => l.id)).toEqual([
      'background',
      'roads',
      'overlay-stadtbezirke-line',
      'overlay-stadtbezirke-label',
    ]);
    expect(s?.style.sources['overlay-stadtbezirke']).toEqual({
      type: 'geojson',
      data: 'http://127.0.0.1:4000/basemap/overlays/stadtbezirke',
    });
    expect(Object.keys(s?.style['font-faces'] ?? {})).toEqual([LABEL_FONT]);
    // The built-in layers (added on top, empty) are basemap too: a theme switch does not carry them.
    for (const id of ['roads', 'overlay-stadtbezirke-label', 'basemap-land', 'background'])
      expect(s?.parts.layers.has(id)).toBe(true);
    expect(s?.parts.sources.has('overlay-stadtbezirke')).toBe(true);
    expect(s?.bounds).toEqual(SUMMARY.archive.bounds);
    expect(s?.theme).toBe('light');
  });

  it('asks once per theme and settings; every map gets a style of its own', async () => {
    const [a, b] = await Promise.all([startingBasemap('dark'), startingBasemap('dark')]);
    expect(a?.style).toEqual(b?.style);
    expect(a?.style).not.toBe(b?.style);
    expect(asked).toEqual(['/api/v1/basemap', '/api/v1/basemap/style?theme=dark']);
  });

  it('is none without a basemap of the server, or when it fails: the built-in map', async () => {
    summary = { ...SUMMARY, kind: 'none', style: null, archive: null, overlays: [] };
    expect(await startingBasemap('dark')).toBeNull();
    basemapStore.setState((s) => ({ summary: null, revision: s.revision + 1 }));
    summary = { nonsense: true };
    expect(await startingBasemap('dark')).toBeNull();
  });

  it('is none when the server takes longer than 5 s (the map then switches after load)', async () => {
    vi.useFakeTimers();
    let release = () => {};
    hold = new Promise((r) => (release = r));
    const s = startingBasemap('dark');
    await vi.advanceTimersByTimeAsync(5_001);
    expect(await s).toBeNull();
    release();
  });

  it('is handed to ConfiguredBasemap once, and stays known', async () => {
    const s = await startingBasemap('dark');
    const map = {};
    if (s) startedOn(map, s);
    expect(takeStartedOn(map)).toBe(s);
    expect(takeStartedOn(map)).toBeUndefined();
    // What it was created on stays known (BasemapLayer adds no built-in layers to it).
    expect(startedOnBasemap(map)).toBe(true);
    expect(startedOnBasemap({})).toBe(false);
  });
});
