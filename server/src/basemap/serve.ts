/**
 * HTTP routes of the basemap: the style (`GET /api/v1/basemap/style?theme=dark|light`), a summary
 * (`GET /api/v1/basemap`), the archive with byte ranges (`/basemap/<name>.pmtiles`), its tiles for
 * clients without a PMTiles reader (`/basemap/<name>/{z}/{x}/{y}.mvt`), overlays, fonts, sprite and
 * glyphs. Everything is served from this machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { THEMES, type Theme } from '#shared/basemapSettings';
import { sendFile } from '../http/static.ts';
import { basemapStyle, type SourceMode } from './style.ts';
import type { BasemapRuntime } from './settings.ts';
import { openArchive } from './fileSource.ts';
import { saveInTurn, SETTINGS_ROUTE, settingsRoute, type SettingsRouteOptions } from './settingsRoute.ts';

const FONT_FILE = /^noto-sans-[a-z-]+-[1-9]00-normal\.woff2$/;
const TILE_TYPES: Record<string, string> = {
  mvt: 'application/vnd.mapbox-vector-tile',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
};
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans/package.json')),
  'files',
);

export interface BasemapRoutes {
  /** The basemap served now (replaced when the settings are changed from the dashboard). */
  readonly runtime: BasemapRuntime;
  /** Answers a request when it is one of ours; false lets the caller route it elsewhere. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /**
   * Takes in a basemap saved on another node (several nodes, cluster/sharedBasemap.ts): written to
   * this node's settings file as if saved here, then announced like a save here. Throws when it
   * cannot be used here (SettingsRefused: e.g. its file is missing in this node's basemap folders).
   */
  adopt(basemap: unknown): Promise<void>;
  close(): Promise<void>;
}

export function basemapRoutes(initial: BasemapRuntime, options: SettingsRouteOptions = {}): BasemapRoutes {
  let runtime = initial;
  let reader = runtime.archive ? openArchive(runtime.archive.file) : undefined;
  const replace = async (next: BasemapRuntime): Promise<void> => {
    const old = reader;
    runtime = next;
    reader = next.archive ? openArchive(next.archive.file) : undefined;
    await old?.source.close();
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const p = url.pathname;
    if (p === SETTINGS_ROUTE) return settingsRoute(req, res, runtime, replace, options);
    if (p !== '/api/v1/basemap' && p !== '/api/v1/basemap/style' && !p.startsWith('/basemap/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    if (p === '/api/v1/basemap') return json(res, 200, summary(runtime));
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    if (p === '/api/v1/basemap/style') return style(runtime, base, url, res);
    const rel = p.slice('/basemap/'.length);
    const a = runtime.archive;
    const send = (file: string) => sendPath(req, res, file, runtime);
    if (a && rel === `${a.name}.pmtiles`) return send(a.file);
    const tile = a && new RegExp(`^${a.name}/(\\d+)/(\\d+)/(\\d+)\\.${a.tileType}$`).exec(rel);
    const current = reader;
    if (tile && current) {
      const [z, x, y] = tile.slice(1).map(Number) as [number, number, number];
      // The PMTiles reader throws for coordinates no tile can have; those are the client's mistake.
      if (z > 26 || x >= 2 ** z || y >= 2 ** z)
        return json(res, 404, { error: `no tile ${z}/${x}/${y}: outside the tile grid` });
      const t = await current.archive.getZxy(z, x, y);
      if (!t) return reply(res, 204);
      res.writeHead(200, {
        'content-type': TILE_TYPES[a.tileType] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(Buffer.from(t.data));
      return true;
    }
    const overlay = /^overlays\/([a-z0-9_-]+)\.geojson$/.exec(rel);
    const o = overlay && runtime.overlays.find((x) => x.id === overlay[1]);
    if (o) return send(o.file);
    const font = /^fonts\/([^/]+)$/.exec(rel)?.[1];
    // The app's own fonts (node_modules), by a fixed name pattern: not a configured folder.
    if (font && FONT_FILE.test(font)) return sendPath(req, res, path.join(fontDir, font));
    const sprite = /^sprite(@2x)?\.(json|png)$/.exec(rel);
    if (sprite && runtime.sprite) return send(`${runtime.sprite}${sprite[1] ?? ''}.${sprite[2]}`);
    const glyph = /^glyphs\/([^/]+)\/(\d{1,5}-\d{1,5})\.pbf$/.exec(rel);
    if (glyph && runtime.glyphs) {
      const file = glyphFile(runtime.glyphs, glyph[1] ?? '', glyph[2] ?? '');
      if (!file) return json(res, 400, { error: `bad font stack in ${p}` });
      return send(file);
    }
    return json(res, 404, { error: `no such basemap resource: ${p}` });
  };
  return {
    get runtime() {
      return runtime;
    },
    handle,
    adopt: async (basemap) => {
      const file = runtime.settingsFile;
      if (!file) throw new Error('this node has no settings file to write');
      await replace(await saveInTurn(file, { basemap }, runtime.places));
      options.onChanged?.();
    },
    close: async () => reader?.source.close(),
  };
}

function style(rt: BasemapRuntime, base: string, url: URL, res: ServerResponse): boolean {
  const theme = url.searchParams.get('theme') ?? 'dark';
  if (!(THEMES as readonly string[]).includes(theme))
    return json(res, 400, { error: 'theme must be dark or light' });
  const mode = url.searchParams.get('source') ?? 'tiles';
  if (mode !== 'tiles' && mode !== 'pmtiles')
    return json(res, 400, { error: 'source must be tiles or pmtiles' });
  const answer = basemapStyle(rt, base, theme as Theme, mode as SourceMode);
  if (answer.kind === 'none') return json(res, 404, { error: answer.reason });
  if (answer.kind === 'redirect') return reply(res, 302, { location: answer.url });
  return json(res, 200, answer.style);
}

/** What the dashboard needs to pick a style and place overlays over a foreign style. */
export function summary(rt: BasemapRuntime) {
  const a = rt.archive;
  return {
    kind: rt.config.type,
    themes: THEMES,
    style: rt.config.type === 'none' ? null : '/api/v1/basemap/style',
    overlaysInStyle: rt.config.type !== 'style' && rt.config.type !== 'none',
    archive: a
      ? {
          name: a.name,
          url: `/basemap/${a.name}.pmtiles`,
          minzoom: a.minzoom,
          maxzoom: a.maxzoom,
          bounds: a.bounds,
          center: a.center,
        }
      : null,
    attribution: a?.attribution ?? ('attribution' in rt.config ? (rt.config.attribution ?? null) : null),
    overlays: rt.overlays.map((o) => ({
      id: o.id,
      kind: o.kind,
      label: o.label ?? null,
      url: `/basemap/overlays/${o.id}.geojson`,
    })),
  };
}

/** A folder per font stack, or the ranges of one font used for every stack; undefined for a bad name. */
function glyphFile(dir: string, fontstack: string, range: string): string | undefined {
  let first: string;
  try {
    first = decodeURIComponent(fontstack).split(',')[0]?.trim() ?? '';
  } catch {
    return undefined;
  }
  if (first.includes('\0')) return undefined;
  const own = path.join(dir, path.basename(first), `${range}.pbf`);
  return first && fs.existsSync(own) ? own : path.join(dir, `${range}.pbf`);
}

/**
 * Sends a file of the basemap. With a runtime, the file must still lie in a basemap folder after
 * resolving links (a link placed in a folder since the start is refused like its target).
 */
function sendPath(req: IncomingMessage, res: ServerResponse, file: string, rt?: BasemapRuntime): boolean {
  let real = file;
  if (rt) {
    const allowed = rt.folders.check(file);
    if (!allowed.ok) return json(res, 404, { error: 'not found' });
    real = allowed.real;
  }
  const stat = fs.statSync(real, { throwIfNoEntry: false });
  if (!stat?.isFile()) return json(res, 404, { error: 'not found' });
  sendFile(req, res, real, stat);
  return true;
}

function json(res: ServerResponse, status: number, body: unknown): boolean {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(JSON.stringify(body));
  return true;
}

function reply(res: ServerResponse, status: number, headers: Record<string, string> = {}): boolean {
  res.writeHead(status, headers).end();
  return true;
}
