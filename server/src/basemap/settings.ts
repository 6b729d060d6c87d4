/**
 * Loads the basemap settings (`--basemap-config <file>` or `<data-dir>/settings.json`), checks that
 * every named file exists, reads the archive header and the styles, and returns what the routes and
 * basemapStyle() need. Done once at start, so a broken setting stops the server with a clear line.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  parseBasemapSettings,
  THEMES,
  type BasemapConfig,
  type OverlayConfig,
  type Theme,
} from '#shared/basemapSettings';
import darkStyle from '../../../assets/styles/lagebild-dark.json' with { type: 'json' };
import lightStyle from '../../../assets/styles/lagebild-light.json' with { type: 'json' };
import { openArchive } from './fileSource.ts';
import { BasemapFolders, type BasemapPlaces } from './folders.ts';

export type StyleJson = Record<string, unknown> & { layers: Record<string, unknown>[] };

export interface ArchiveInfo {
  name: string;
  file: string;
  tileType: 'mvt' | 'png' | 'jpg' | 'webp' | 'avif';
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  attribution: string | undefined;
}

export interface BasemapRuntime {
  /** The settings file read at start, or the one a change from the dashboard would create. */
  settingsFile: string | undefined;
  config: BasemapConfig;
  overlays: (OverlayConfig & { id: string; file: string })[];
  archive: ArchiveInfo | undefined;
  /** The app's own styles, or the configured style files for an archive of another schema. */
  styles: Record<Theme, StyleJson>;
  customStyle: boolean;
  sprite: string | undefined;
  glyphs: string | undefined;
  /** Where assets may come from (checked again when a file is served: links may change). */
  places: BasemapPlaces;
  folders: BasemapFolders;
}

export class BasemapConfigError extends Error {
  override name = 'BasemapConfigError';
}

export const OWN_STYLES: Record<Theme, StyleJson> = {
  dark: darkStyle as StyleJson,
  light: lightStyle as StyleJson,
};
const TILE_TYPES: readonly (ArchiveInfo['tileType'] | undefined)[] = [
  undefined,
  'mvt',
  'png',
  'jpg',
  'webp',
  'avif',
];
const RESERVED = new Set(['fonts', 'glyphs', 'overlays', 'sprite']);

/**
 * `explicit` is the --basemap-config path; without it `<dataDir>/settings.json` is used if present.
 * Every file it names must lie in a basemap folder (folders.ts).
 */
export async function loadBasemap(
  explicit: string | undefined,
  places: BasemapPlaces,
): Promise<BasemapRuntime> {
  const file = explicit ? path.resolve(explicit) : path.join(places.dataDir, 'settings.json');
  const fail = (msg: string) => new BasemapConfigError(`basemap settings ${file}: ${msg}`);
  let folders: BasemapFolders;
  try {
    folders = BasemapFolders.of(places);
  } catch (e) {
    throw fail((e as Error).message);
  }
  const fromSettings = (config: BasemapConfig, overlays: BasemapRuntime['overlays']): BasemapRuntime => ({
    settingsFile: file,
    config,
    overlays,
    archive: undefined,
    styles: { ...OWN_STYLES },
    customStyle: false,
    sprite: undefined,
    glyphs: undefined,
    places,
    folders,
  });
  if (!explicit && !fs.existsSync(file)) return fromSettings({ type: 'none' }, []);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code ? `cannot read it (${code})` : `not valid JSON (${(e as Error).message})`);
  }
  const parsed = parseBasemapSettings(raw);
  if (!parsed.ok) throw fail(parsed.errors.join('; '));
  const dir = path.dirname(file);
  const at = (p: string, what: string, kind: 'file' | 'dir' = 'file'): string => {
    const abs = path.resolve(dir, p);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat || (kind === 'dir' ? !stat.isDirectory() : !stat.isFile()))
      throw fail(`${what} not found: ${abs}`);
    const allowed = folders.check(abs);
    if (!allowed.ok) throw fail(`${what} ${abs} ${allowed.reason}`);
    return allowed.real;
  };
  const overlays = parsed.settings.overlays.map((o) => ({
    ...o,
    id: o.id ?? o.kind,
    file: at(o.path, `overlay ${o.id ?? o.kind}`),
  }));
  const rt = fromSettings(parsed.settings.basemap, overlays);
  const b = parsed.settings.basemap;
  if (b.type !== 'pmtiles') return rt;
  rt.archive = await readArchive(at(b.path, 'basemap.path'), fail);
  if (b.style) {
    const files = typeof b.style === 'string' ? { dark: b.style, light: b.style } : b.style;
    for (const theme of THEMES)
      rt.styles[theme] = readStyle(at(files[theme], `basemap.style (${theme})`), fail);
    rt.customStyle = true;
  }
  if (b.sprite) {
    // The sprite is a name without extension; its files are checked one by one when served.
    at(`${b.sprite}.json`, 'basemap.sprite (its .json)');
    rt.sprite = path.resolve(dir, b.sprite);
  }
  if (b.glyphs) rt.glyphs = at(b.glyphs, 'basemap.glyphs folder', 'dir');
  return rt;
}

async function readArchive(file: string, fail: (m: string) => Error): Promise<ArchiveInfo> {
  const { archive, source } = openArchive(file);
  try {
    const h = await archive.getHeader().catch((e: unknown) => {
      throw fail(`${file} is not a PMTiles v3 archive (${(e as Error).message})`);
    });
    const tileType = TILE_TYPES[h.tileType];
    if (!tileType) throw fail(`${file} holds tiles of an unknown type`);
    const meta = (await archive.getMetadata().catch(() => ({}))) as { attribution?: unknown };
    const base = path.basename(file, path.extname(file)).replace(/[^A-Za-z0-9_-]/g, '_');
    return {
      name: RESERVED.has(base) ? `${base}-map` : base,
      file,
      tileType,
      minzoom: h.minZoom,
      maxzoom: h.maxZoom,
      bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
      center: [h.centerLon, h.centerLat, h.centerZoom],
      attribution: typeof meta.attribution === 'string' ? meta.attribution : undefined,
    };
  } finally {
    await source.close();
  }
}

function readStyle(file: string, fail: (m: string) => Error): StyleJson {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StyleJson>;
    if (s.version !== 8 || !Array.isArray(s.layers))
      throw new Error('not a MapLibre style (version 8 with layers)');
    return s as StyleJson;
  } catch (e) {
    throw fail(`style ${file}: ${(e as Error).message}`);
  }
}
