import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { builtInParts, builtInSnapshot, carryAppLayers, overlayParts } from './configuredBasemap.ts';
import { basemapSummarySchema } from '../basemap/summary.ts';

const builtIn: StyleSpecification = {
  version: 8,
  sources: {
    'basemap-land': { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    units: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  },
  'font-faces': { 'Noto Sans Medium': [{ url: 'http://127.0.0.1/noto.woff2' }] },
  layers: [
    { id: 'background', type: 'background' },
    { id: 'basemap-land', type: 'fill', source: 'basemap-land' },
    { id: 'units-symbol', type: 'symbol', source: 'units' },
  ],
};
const dark: StyleSpecification = {
  version: 8,
  sources: { basemap: { type: 'vector', tiles: ['http://127.0.0.1/basemap/k/{z}/{x}/{y}.mvt'] } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#000' } },
    { id: 'roads', type: 'line', source: 'basemap', 'source-layer': 'roads' },
  ],
};
const light: StyleSpecification = {
  ...dark,
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#fff' } }, dark.layers[1]!],
};

describe('carrying the app layers onto a basemap style', () => {
  it('drops the built-in basemap, keeps app layers and sources on top, merges fonts', () => {
    const r = carryAppLayers(builtIn, dark, builtInParts());
    expect(r.style.layers.map((l) => l.id)).toEqual(['background', 'roads', 'units-symbol']);
    expect(Object.keys(r.style.sources).sort()).toEqual(['basemap', 'units']);
    expect(Object.keys(r.style['font-faces'] ?? {})).toEqual(['Noto Sans Medium']);
    expect([...r.parts.layers]).toEqual(['background', 'roads']);
  });

  it("keeps the map's font files for a font the basemap names too, adds the basemap's others", () => {
    const basemap: StyleSpecification = {
      ...dark,
      'font-faces': {
        'Noto Sans Medium': [{ url: 'http://127.0.0.1/basemap/fonts/noto.woff2' }],
        'Noto Sans Bold': [{ url: 'http://127.0.0.1/basemap/fonts/bold.woff2' }],
      },
    };
    const faces = carryAppLayers(builtIn, basemap, builtInParts()).style['font-faces'] ?? {};
    // The same URL as before the switch: MapLibre keeps its glyphs (a new URL drops them all).
    expect(faces['Noto Sans Medium']).toEqual([{ url: 'http://127.0.0.1/noto.woff2' }]);
    expect(faces['Noto Sans Bold']).toEqual([{ url: 'http://127.0.0.1/basemap/fonts/bold.woff2' }]);
  });

  it('replaces the previous basemap on a theme switch without duplicating app layers', () => {
    const first = carryAppLayers(builtIn, dark, builtInParts());
    const second = carryAppLayers(first.style, light, first.parts);
    expect(second.style.layers.map((l) => l.id)).toEqual(['background', 'roads', 'units-symbol']);
    expect(second.style.layers[0]).toEqual(light.layers[0]);
  });

  it('goes back to the built-in map (settings changed to none) with its data, app layers on top', () => {
    // The background is the built-in style's own (ConfiguredBasemap), not the snapshot's.
    const saved = builtInSnapshot(builtIn);
    expect(saved.layers.map((l) => l.id)).toEqual(['basemap-land']);
    expect(Object.keys(saved.sources)).toEqual(['basemap-land']);
    const onBasemap = carryAppLayers(builtIn, dark, builtInParts());
    const background = { id: 'background', type: 'background' } as const;
    const back = carryAppLayers(
      onBasemap.style,
      { ...dark, sources: saved.sources, layers: [background, ...saved.layers] },
      onBasemap.parts,
    );
    expect(back.style.layers.map((l) => l.id)).toEqual(['background', 'basemap-land', 'units-symbol']);
    expect(Object.keys(back.style.sources).sort()).toEqual(['basemap-land', 'units']);
    expect(back.parts.layers.has('basemap-land')).toBe(true);
  });

  it("a map created on a basemap keeps the basemap's background out of the snapshot", () => {
    // The built-in layers added on top of the basemap (empty until "no basemap" is chosen).
    const started = { ...dark, layers: [...dark.layers, ...builtIn.layers.slice(1)] };
    expect(builtInSnapshot(started).layers.map((l) => l.id)).toEqual(['basemap-land']);
  });

  it('without a previous style it is the basemap style alone', () => {
    expect(carryAppLayers(undefined, dark, builtInParts()).style).toBe(dark);
  });
});

describe('basemap summary and overlays', () => {
  it('reads the server summary and rejects an unknown kind', () => {
    const ok = {
      kind: 'pmtiles',
      style: '/api/v1/basemap/style',
      overlaysInStyle: true,
      archive: { name: 'koeln', url: '/basemap/koeln.pmtiles', minzoom: 8 },
      attribution: null,
      overlays: [
        { id: 'polizei', kind: 'stations', label: 'tags/name', url: '/basemap/overlays/polizei.geojson' },
      ],
    };
    expect(basemapSummarySchema.parse(ok).archive?.name).toBe('koeln');
    expect(basemapSummarySchema.safeParse({ ...ok, kind: 'gif' }).success).toBe(false);
  });

  it('draws district outlines and station points from the server', () => {
    const o = overlayParts(
      [
        { id: 'districts', kind: 'districts', label: null, url: '/basemap/overlays/districts.geojson' },
        { id: 'polizei', kind: 'stations', label: 'tags/name', url: '/basemap/overlays/polizei.geojson' },
      ],
      'http://127.0.0.1:8080/',
    );
    expect(o.sources['overlay-polizei']).toEqual({
      type: 'geojson',
      data: 'http://127.0.0.1:8080/basemap/overlays/polizei.geojson',
    });
    expect(o.layers.map((l) => `${l.id}:${l.type}`)).toEqual([
      'overlay-districts-line:line',
      'overlay-districts-label:symbol',
      'overlay-polizei-point:circle',
      'overlay-polizei-label:symbol',
    ]);
  });
});
