/**
 * Builds a running Lage server from a config: event log, picture, HTTP API, static dashboard,
 * Socket.IO namespaces. Used by the CLI and, unchanged, by the integration tests.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ServerConfig } from './config.ts';
import { Lage } from './lage.ts';
import { openDb } from './store/db.ts';
import { handleApi } from './http/api.ts';
import { HttpError, sendError, sendJson } from './http/respond.ts';
import { serveStatic } from './http/static.ts';
import { RateLimiter } from './ingest/ingest.ts';
import { attachSockets } from './sockets.ts';
import { ReplayRoutes } from './http/replayRoutes.ts';
import { loadBasemap } from './basemap/settings.ts';
import { basemapRoutes } from './basemap/serve.ts';
import { loadGeo } from './geo/geo.ts';

export interface LageServer {
  url: string;
  port: number;
  lage: Lage;
  close(): Promise<void>;
}

export async function startLageServer(config: ServerConfig): Promise<LageServer> {
  // A bad basemap setting stops start-up before anything else is opened.
  const basemap = basemapRoutes(await loadBasemap(config.basemapConfig, config.dataDir));
  const geo = loadGeo(config.streets, config.districts);
  const db = openDb(config.dataDir, config.durability);
  const lage = new Lage(db, config);
  const limiter = new RateLimiter(2_000, 4_000);
  const staticRoot = config.staticDir ?? findDashboard();
  const replay = new ReplayRoutes(config.dataDir, lage, db);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendError(res, err);
      console.error('lagebild: request failed', err);
      sendJson(res, 500, { error: 'internal error' });
    };
    const route = async () => {
      const p = url.pathname;
      if (
        (p.startsWith('/basemap/') || p.startsWith('/api/v1/basemap')) &&
        (await basemap.handle(req, res, url))
      )
        return;
      if (!p.startsWith('/api/')) return serveStatic(staticRoot, req, res, p);
      await handleApi({ lage, db, config, limiter, replay, geo }, req, res, url);
    };
    route().catch(fail);
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  const io = new Server(server, {
    serveClient: false,
    maxHttpBufferSize: config.maxBodyBytes,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const hub = attachSockets(io, lage, config, limiter, geo);
  const snapshotTimer = setInterval(() => lage.snapshotNow(), config.snapshotIntervalMs).unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    lage,
    close: () =>
      (closing ??= (async () => {
        clearInterval(snapshotTimer);
        hub.flush();
        hub.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        server.closeAllConnections();
        lage.snapshotNow();
        replay.close();
        await basemap.close();
        db.close();
      })()),
  };
}

/** The built dashboard: next to the built server (dist/server → dist/renderer) or from the repo root. */
function findDashboard(): string | undefined {
  const here = import.meta.dirname;
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../dist/renderer')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}
