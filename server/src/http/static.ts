/**
 * Serves the built dashboard, with byte ranges (PMTiles archives are read by range) and an SPA
 * fallback to index.html. Paths are resolved inside the root only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Lagebild</title>
<p>Das Dashboard ist nicht gebaut. Bitte <code>npm run build:renderer</code> ausführen.</p>
<p>The dashboard is not built. Run <code>npm run build:renderer</code>.</p>`;

export function serveStatic(
  root: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  let file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  // A link inside the root may point anywhere on the machine: serve only what really lies inside.
  const real = realFile(file);
  if (real && !within(real, realFile(root) ?? root)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  let stat = statFile(file);
  if (!stat) {
    // Client-side routes (e.g. /replay) get the app; missing assets get a 404.
    if (path.extname(rel) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    file = path.join(root, 'index.html');
    stat = statFile(file);
    if (!stat) return void res.writeHead(404).end();
  }
  sendFile(req, res, file, stat);
}

export function sendFile(req: IncomingMessage, res: ServerResponse, file: string, stat: fs.Stats): void {
  const headers: Record<string, string | number> = {
    'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    'cache-control': file.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  };
  const range = parseRange(req.headers.range, stat.size);
  if (range === 'invalid') {
    res.writeHead(416, { 'content-range': `bytes */${stat.size}` }).end();
    return;
  }
  const [start, end] = range ?? [0, stat.size - 1];
  headers['content-length'] = Math.max(0, end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${stat.size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || stat.size === 0) return void res.end();
  fs.createReadStream(file, { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}

export function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | 'invalid' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return 'invalid';
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return 'invalid';
  let start: number;
  let end: number;
  if (a === '') {
    start = Math.max(0, size - Number(b));
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return [start, end];
}

/** True when `file` is `dir` or inside it (both real, absolute paths). */
export function within(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realFile(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function statFile(file: string): fs.Stats | undefined {
  try {
    const s = fs.statSync(file);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}
