/**
 * Turns the loaded basemap settings into the MapLibre style the dashboard loads: the configured
 * archive, raster or WMS source under the app's dark or light layers, offline fonts, and the
 * overlays on top. Pure: everything it needs was read by loadBasemap().
 */
import { LABEL_KEYS, wmsTileUrl, type Theme } from '#shared/basemapSettings';
import { OWN_STYLES, type BasemapRuntime, type StyleJson } from './settings.ts';

export type SourceMode = 'tiles' | 'pmtiles';
export type StyleAnswer =
  { kind: 'style'; style: StyleJson } | { kind: 'redirect'; url: string } | { kind: 'none'; reason: string };

type Json = Record<string, unknown>;
const FONT = 'Noto Sans Medium';
const OVERLAY_COLORS: Record<Theme, { line: string; label: string; halo: string; station: string }> = {
  dark: { line: '#b48ead', label: '#ecdcf5', halo: '#0b1118', station: '#3f8cff' },
  light: { line: '#7c5c9c', label: '#3d2a52', halo: '#ffffff', station: '#1e5bc6' },
};

export function basemapStyle(
  rt: BasemapRuntime,
  baseUrl: string,
  theme: Theme,
  mode: SourceMode = 'tiles',
): StyleAnswer {
  const base = baseUrl.replace(/\/+$/, '');
  const c = rt.config;
  if (c.type === 'none') return { kind: 'none', reason: 'no basemap configured' };
  if (c.type === 'style') return { kind: 'redirect', url: typeof c.url === 'string' ? c.url : c.url[theme] };
  let style: StyleJson;
  if (c.type === 'pmtiles' && rt.archive?.tileType === 'mvt') {
    const source = archiveSource(rt, base, mode);
    style = rt.customStyle ? customStyle(rt, base, theme, source) : ownStyle(theme, base, source);
  } else {
    style = rasterStyle(rt, base, theme, mode);
  }
  addOverlays(style, rt, base, theme);
  return { kind: 'style', style };
}

function clone(style: StyleJson): StyleJson {
  return structuredClone(style);
}

function fontFaces(base: string, names: readonly string[]): Json {
  const faces = [
    {
      url: `${base}/basemap/fonts/noto-sans-latin-500-normal.woff2`,
      'unicode-range': ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+2000-206F', 'U+20AC'],
    },
    {
      url: `${base}/basemap/fonts/noto-sans-latin-ext-500-normal.woff2`,
      'unicode-range': ['U+0100-02AF', 'U+1E00-1EFF', 'U+2020', 'U+20A0-20CF'],
    },
  ];
  return Object.fromEntries(names.map((n) => [n, faces]));
}

function archiveSource(rt: BasemapRuntime, base: string, mode: SourceMode): Json {
  const a = rt.archive;
  if (!a) throw new Error('basemapStyle: archive settings without a loaded archive');
  const attribution = a.attribution ? { attribution: a.attribution } : {};
  if (mode === 'pmtiles')
    return { type: 'vector', url: `pmtiles://${base}/basemap/${a.name}.pmtiles`, ...attribution };
  return {
    type: 'vector',
    tiles: [`${base}/basemap/${a.name}/{z}/{x}/{y}.mvt`],
    minzoom: a.minzoom,
    maxzoom: a.maxzoom,
    bounds: a.bounds,
    ...attribution,
  };
}

function ownStyle(theme: Theme, base: string, source: Json): StyleJson {
  const style = clone(OWN_STYLES[theme]);
  style.sources = { basemap: source };
  style['font-faces'] = fontFaces(base, [FONT]);
  return style;
}

/** A style of another schema (e.g. OpenMapTiles' OSM Bright): its vector sources become the archive. */
function customStyle(rt: BasemapRuntime, base: string, theme: Theme, source: Json): StyleJson {
  const style = clone(rt.styles[theme]);
  const sources = (style.sources ?? {}) as Record<string, Json>;
  for (const [id, s] of Object.entries(sources)) {
    if (s.type === 'vector') sources[id] = source;
    else if (isRemote(s, base)) delete sources[id];
  }
  // Nothing may leave the machine: layers of dropped remote sources go too.
  style.layers = style.layers.filter((l) => typeof l.source !== 'string' || Object.hasOwn(sources, l.source));
  if (rt.sprite) style.sprite = `${base}/basemap/sprite`;
  else delete style.sprite;
  if (rt.glyphs) style.glyphs = `${base}/basemap/glyphs/{fontstack}/{range}.pbf`;
  else {
    delete style.glyphs;
    style['font-faces'] = fontFaces(base, usedFonts(style));
  }
  return style;
}

function isRemote(s: Json, base: string): boolean {
  const urls = [s.url, s.data, ...(Array.isArray(s.tiles) ? s.tiles : [])].filter(
    (u) => typeof u === 'string',
  );
  return urls.some((u) => /^(https?|pmtiles):\/\//.test(u as string) && !(u as string).includes(base));
}

function usedFonts(style: StyleJson): string[] {
  const names = new Set<string>([FONT]);
  for (const l of style.layers) {
    const fonts = (l.layout as Json | undefined)?.['text-font'];
    if (Array.isArray(fonts)) for (const f of fonts) if (typeof f === 'string') names.add(f);
  }
  return [...names];
}

function rasterStyle(rt: BasemapRuntime, base: string, theme: Theme, mode: SourceMode): StyleJson {
  const c = rt.config;
  const own = OWN_STYLES[theme];
  let source: Json;
  if (c.type === 'raster') {
    source = { type: 'raster', tiles: c.tiles, tileSize: c.tileSize, minzoom: c.minzoom, maxzoom: c.maxzoom };
    if (c.attribution) source.attribution = c.attribution;
  } else if (c.type === 'wms') {
    source = { type: 'raster', tiles: [wmsTileUrl(c)], tileSize: 256, maxzoom: c.maxzoom };
    if (c.attribution) source.attribution = c.attribution;
  } else {
    const a = rt.archive;
    if (!a) throw new Error('basemapStyle: archive settings without a loaded archive');
    source =
      mode === 'pmtiles'
        ? { type: 'raster', url: `pmtiles://${base}/basemap/${a.name}.pmtiles` }
        : {
            type: 'raster',
            tiles: [`${base}/basemap/${a.name}/{z}/{x}/{y}.${a.tileType}`],
            minzoom: a.minzoom,
            maxzoom: a.maxzoom,
            bounds: a.bounds,
          };
    if (a.attribution) source.attribution = a.attribution;
  }
  // The dark theme dims and desaturates a daylight map so unit colours keep standing out.
  const paint =
    theme === 'dark'
      ? { 'raster-brightness-max': 0.55, 'raster-saturation': -0.6, 'raster-contrast': 0.1 }
      : {};
  return {
    version: 8,
    name: `${String(own.name)} (raster)`,
    sources: { basemap: source },
    'font-faces': fontFaces(base, [FONT]),
    layers: [
      own.layers[0] ?? { id: 'background', type: 'background' },
      { id: 'basemap-raster', type: 'raster', source: 'basemap', paint },
    ],
  };
}

function addOverlays(style: StyleJson, rt: BasemapRuntime, base: string, theme: Theme): void {
  const col = OVERLAY_COLORS[theme];
  const sources = (style.sources ??= {}) as Record<string, Json>;
  for (const o of rt.overlays) {
    const src = `overlay-${o.id}`;
    sources[src] = { type: 'geojson', data: `${base}/basemap/overlays/${o.id}.geojson` };
    const label = o.label ? ['get', o.label] : ['coalesce', ...LABEL_KEYS.map((k) => ['get', k])];
    const text = {
      'text-field': ['to-string', label],
      'text-font': [FONT],
      'text-size': 12,
      'text-max-width': 10,
    };
    const textPaint = { 'text-color': col.label, 'text-halo-color': col.halo, 'text-halo-width': 1.5 };
    if (o.kind === 'districts') {
      style.layers.push(
        {
          id: `${src}-line`,
          type: 'line',
          source: src,
          paint: { 'line-color': col.line, 'line-width': 2, 'line-dasharray': [3, 2] },
        },
        {
          id: `${src}-label`,
          type: 'symbol',
          source: src,
          layout: { ...text, 'text-transform': 'uppercase' },
          paint: textPaint,
        },
      );
    } else {
      style.layers.push(
        {
          id: `${src}-point`,
          type: 'circle',
          source: src,
          paint: {
            'circle-color': col.station,
            'circle-radius': 6,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1.5,
          },
        },
        {
          id: `${src}-label`,
          type: 'symbol',
          source: src,
          minzoom: 12,
          layout: { ...text, 'text-anchor': 'top', 'text-offset': [0, 0.8] },
          paint: textPaint,
        },
      );
    }
  }
}
