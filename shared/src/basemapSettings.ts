/**
 * The basemap part of the settings file (`<data-dir>/settings.json` or `--basemap-config`): which map
 * to draw under the picture and which overlays to put on it. Pure, so the server, the Electron shell
 * and the renderer validate the same document. Paths are relative to the settings file.
 */
import { z } from 'zod';

export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];

const file = z.string().trim().min(1, 'must name a file');
const httpUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');
/** One value for both themes, or one per theme. */
const perTheme = <T extends z.ZodType>(value: T) =>
  z.union([value, z.strictObject({ dark: value, light: value })]);

const pmtilesBasemap = z.strictObject({
  type: z.literal('pmtiles'),
  path: file.regex(/\.pmtiles$/i, 'must be a .pmtiles archive'),
  /** A MapLibre style for archives of another schema (e.g. OpenMapTiles); default: the app's own styles. */
  style: perTheme(file).optional(),
  /** Sprite path without extension: `<sprite>.json`, `<sprite>.png`, `<sprite>@2x.*`. */
  sprite: file.optional(),
  /** A folder of glyph PBFs: `<folder>/<fontstack>/<range>.pbf`, or the ranges of a single font. */
  glyphs: file.optional(),
});

const styleBasemap = z.strictObject({ type: z.literal('style'), url: perTheme(httpUrl) });

const TILE_TOKENS = /\{z\}.*\{x\}.*\{y\}|\{x\}.*\{y\}.*\{z\}|\{bbox-epsg-3857\}|\{quadkey\}/;
const rasterBasemap = z.strictObject({
  type: z.literal('raster'),
  tiles: z
    .array(httpUrl.regex(TILE_TOKENS, 'must contain {z}/{x}/{y}, {quadkey} or {bbox-epsg-3857}'))
    .min(1, 'needs at least one URL template'),
  tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
  minzoom: z.number().int().min(0).max(24).default(0),
  maxzoom: z.number().int().min(0).max(24).default(19),
  attribution: z.string().optional(),
});

const wmsBasemap = z.strictObject({
  type: z.literal('wms'),
  /** The service endpoint, e.g. https://sgx.geodatenzentrum.de/wms_basemapde */
  url: httpUrl,
  layers: z.string().trim().min(1, 'must name at least one WMS layer'),
  format: z.enum(['image/png', 'image/jpeg']).default('image/png'),
  version: z.enum(['1.1.1', '1.3.0']).default('1.3.0'),
  maxzoom: z.number().int().min(0).max(24).default(19),
  attribution: z.string().optional(),
});

export const basemapSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  pmtilesBasemap,
  styleBasemap,
  rasterBasemap,
  wmsBasemap,
]);

export const OVERLAY_KINDS = ['districts', 'stations'] as const;
export const overlaySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1-40 characters of a-z 0-9 _ -')
    .optional(),
  kind: z.enum(OVERLAY_KINDS),
  path: file.regex(/\.(geo)?json$/i, 'must be a .geojson file'),
  /** The feature property to label with; default: the first of name, NAME, GEN, STB_NAME, … */
  label: z.string().min(1).optional(),
});

/** Other sections of the settings file belong to other parts of the app and pass through. */
export const basemapSettingsSchema = z.looseObject({
  basemap: basemapSchema.default({ type: 'none' }),
  overlays: z.array(overlaySchema).max(20).default([]),
});

export type BasemapConfig = z.infer<typeof basemapSchema>;
export type OverlayConfig = z.infer<typeof overlaySchema>;
export type BasemapSettings = z.infer<typeof basemapSettingsSchema>;

export type ParseResult = { ok: true; settings: BasemapSettings } | { ok: false; errors: string[] };

export function parseBasemapSettings(value: unknown): ParseResult {
  const r = basemapSettingsSchema.safeParse(value);
  if (!r.success)
    return {
      ok: false,
      errors: r.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`),
    };
  const ids = r.data.overlays.map((o, i) => o.id ?? `${o.kind}${i ? `-${i}` : ''}`);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return { ok: false, errors: [`overlays: the id "${dup}" is used twice`] };
  return {
    ok: true,
    settings: { ...r.data, overlays: r.data.overlays.map((o, i) => ({ ...o, id: ids[i] })) },
  };
}

/** Feature properties tried in order for an overlay label when none is configured. */
export const LABEL_KEYS = ['name', 'NAME', 'Name', 'GEN', 'STB_NAME', 'STT_NAME', 'tags/name'];

/** A GetMap URL template that MapLibre fills per tile. */
export function wmsTileUrl(wms: Extract<BasemapConfig, { type: 'wms' }>): string {
  const crs = wms.version === '1.3.0' ? 'CRS' : 'SRS';
  const q = `SERVICE=WMS&REQUEST=GetMap&VERSION=${wms.version}&LAYERS=${encodeURIComponent(wms.layers)}&STYLES=`;
  const size = `&FORMAT=${encodeURIComponent(wms.format)}&TRANSPARENT=FALSE&${crs}=EPSG:3857&WIDTH=256&HEIGHT=256`;
  return `${wms.url}${wms.url.includes('?') ? '&' : '?'}${q}${size}&BBOX={bbox-epsg-3857}`;
}
