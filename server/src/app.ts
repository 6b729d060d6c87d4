/**
 * Builds a running Lage server from a config: event log, picture, HTTP API, static dashboard,
 * Socket.IO namespaces. Used by the CLI and, unchanged, by the integration tests.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ServerConfig } from './config.ts';
import { Lage } from './lage.ts';
import { openDb } from './store/db.ts';
import { dispatch } from './http/dispatch.ts';
import { HttpError, sendError, sendJson } from './http/respond.ts';
import { setSecurityHeaders } from './http/headers.ts';
import { RateLimiter } from './security/rateLimiter.ts';
import { startOsmAnd, type OsmAndListener } from './ingest/osmandServer.ts';
import { startCot, type CotListener } from './ingest/cotServer.ts';
import { cotSettingsFor } from './ingest/cot.ts';
import { attachSockets, sweepSessions } from './sockets.ts';
import type { LiveHub } from './live/hub.ts';
import { Datasets } from './http/datasets.ts';
import { removeAbandonedImports } from './replay/leftovers.ts';
import { loadBasemap, type BasemapRuntime } from './basemap/settings.ts';
import { basemapRoutes } from './basemap/serve.ts';
import { loadGeo } from './geo/geo.ts';
import { AuditLog } from './security/audit.ts';
import { scheduleRetention, type RetentionSchedule } from './retention/job.ts';
import { Auth } from './security/auth.ts';
import { callerOf, identityOf } from './security/routes.ts';
import { can } from '#shared/roles';
import { ensureLocalUser, type LocalCredential } from './security/localCredential.ts';
import { Jobs } from './jobs.ts';
import { isStorageFull, STORAGE_FULL_ERROR } from './store/diskFull.ts';
import { healthBody } from './http/health.ts';
import { expireAudit } from './security/auditExpiry.ts';
import { joinCluster } from './cluster/join.ts';
import { federation, type Federation } from './federation/start.ts';
import { shareState } from './cluster/sharedState.ts';
import { PgJobLock, SOLO_LOCK } from './cluster/jobLock.ts';
import { guardLiveFeed } from './cluster/staleGuard.ts';

export interface LageServer {
  url: string;
  port: number;
  lage: Lage;
  auth: Auth;
  audit: AuditLog;
  /** The live fan-out (tests and the bench look at resumes in progress). */
  hub: LiveHub;
  /** The retention schedule, when --retention-days is set. */
  retention: RetentionSchedule | undefined;
  /** The OsmAnd/Traccar listener's port, when --osmand-port is set. */
  osmandPort: number | undefined;
  /** The Cursor on Target listener (ports, counts, latest refusals), when --cot-port is set. */
  cot: CotListener | undefined;
  /** The embedded local user's credential (data dir), when the server created or keeps one. */
  localCredential: LocalCredential | undefined;
  /** Federation: the `--federate` subscriptions and their state. */
  federation: Federation;
  /** A single-use sign-in link for the local user (printed by `npm run serve`). */
  signInLink(): string | undefined;
  close(): Promise<void>;
}

export async function startLageServer(config: ServerConfig): Promise<LageServer> {
  // A bad basemap setting stops start-up before anything else is opened.
  const basemap = basemapRoutes(await initialBasemap(config), {
    authorize: (req, permission) => {
      const identity = identityOf(req);
      if (identity && can(identity.principal.roles, permission)) return true;
      late.auth?.refused(
        identity,
        `${req.method ?? ''} ${req.url ?? ''}`,
        `lacks the permission ${permission}`,
        { ip: req.socket.remoteAddress },
      );
      return false;
    },
    onChanged: () => late.basemapChanged?.(),
  });
  // The basemap is loaded first (a bad setting stops start-up); its refusals reach the audit and
  // its changes the live dashboards once those exist.
  const late: { auth?: Auth; basemapChanged?: () => void } = {};
  const geo = loadGeo(config.streets, config.districts);
  const db = openDb(config.dataDir, config.durability);
  const lage = new Lage(db, config);
  // Several nodes on one PostgreSQL log: this node's replica is caught up before it serves anyone.
  const cluster = config.database
    ? await joinCluster(lage, db, config.database, (m) => console.error(`lagebild: ${m}`)).catch(
        (err: unknown) => {
          db.close();
          throw err;
        },
      )
    : undefined;
  const limiter = new RateLimiter(2_000, 4_000);
  const staticRoot = config.staticDir ?? findDashboard();
  const audit = new AuditLog(config.dataDir, {
    keyFile: config.auditKey,
    onKeyCreated: (file) =>
      config.quiet ||
      console.log(`lagebild: created the audit seal key ${file} (back it up apart from the data dir)`),
  });
  // A killed `npm run import` leaves its half-built dataset behind; nothing else would ever remove it.
  for (const entry of removeAbandonedImports(config.dataDir))
    if (!config.quiet)
      console.log(`lagebild: removed ${entry}, the leftover of an import that did not finish`);
  reportQuarantine(lage, audit);
  const datasets = new Datasets(config.dataDir, lage, db, {
    audit,
    access: callerOf,
    staleAfterMs: config.staleAfterMs,
  });
  const tls =
    config.tlsCert && config.tlsKey
      ? { cert: fs.readFileSync(config.tlsCert), key: fs.readFileSync(config.tlsKey) }
      : undefined;
  const scheme = tls ? 'https' : 'http';
  // The server's own address, for the CSP of a request without a usable Host (set once listening).
  let ownOrigin = `${scheme}://127.0.0.1`;
  const auth = new Auth(
    {
      dataDir: config.dataDir,
      ingestToken: config.ingestToken,
      secureCookies: !!tls,
      idleMs: config.sessionIdleMs,
      absoluteMs: config.sessionMaxMs,
      wallAbsoluteMs: 30 * 86_400_000,
      loginPerIp: { burst: config.loginPerIp, perMinute: config.loginPerIp },
      loginPerUser: config.loginPerUser,
    },
    audit,
  );
  late.auth = auth;
  // Several nodes: users, sessions and the saved basemap are shared through PostgreSQL too.
  const shared =
    cluster &&
    (await shareState(
      cluster.log,
      auth,
      basemap,
      { idleMs: config.sessionIdleMs, report: (m) => console.error(`lagebild: ${m}`) },
      () => ensureLocalUser(auth.users, config.dataDir),
    ));
  const localCredential = shared ? shared.localUser : await ensureLocalUser(auth.users, config.dataDir);

  // Timers never end the process: failures are logged once, retried with back-off, shown in health.
  const report = (m: string) => console.error(`lagebild: ${m}`);
  const jobs = new Jobs(report, config.database ? new PgJobLock(config.database, report) : SOLO_LOCK);
  if (shared)
    jobs.every('shared sessions cleanup', 60_000, () => shared.state.cleanSessions(), { once: true });
  const health = () => healthBody(lage, audit, jobs);
  const deps = { lage, db, config, limiter, audit, auth, geo, basemap, datasets, scheme, health } as const;

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    setSecurityHeaders(req, res, scheme, ownOrigin);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendError(res, err);
      // A read that must be audited, a sign-in, a command: refused while the record cannot be written.
      if (isStorageFull(err)) return sendJson(res, 503, { error: STORAGE_FULL_ERROR });
      console.error('lagebild: request failed', err);
      sendJson(res, 500, { error: 'internal error' });
    };
    // Every request is authenticated and authorised against the route table before its handler;
    // with several nodes a session started on another node is looked up first (Auth.admit).
    auth
      .admit(req.headers)
      .then(() => dispatch(deps, staticRoot, req, res, url))
      .catch(fail);
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  const io = new Server(server, {
    serveClient: false,
    maxHttpBufferSize: config.maxBodyBytes,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const fed = federation(config, lage, db, audit);
  const hub = attachSockets(io, lage, config, limiter, auth, geo, fed.sharing);
  // A basemap saved in the settings: every open dashboard and wall switches (docs/basemaps.md).
  late.basemapChanged = () => {
    hub.basemapChanged();
    shared?.state.basemapSaved();
  };
  // Several nodes: while this one cannot reach PostgreSQL its dashboards are told their picture is stale.
  if (cluster) jobs.every('stale feed guard', 1_000, guardLiveFeed(io, lage));
  jobs.every('snapshots', config.snapshotIntervalMs, () => lage.snapshotNow());
  lage.onSnapshotError = (err) => jobs.failed('snapshots', err);
  const retention =
    config.retention &&
    scheduleRetention(db, audit, config.retention, (m) => config.quiet || console.log(`lagebild: ${m}`));
  // Live sockets follow their session: cut off when it ends, kept alive while connected.
  // Audit entries past their period (BDSG § 76 by default): at start, then hourly.
  jobs.every('audit retention', 3_600_000, () => void expireAudit(audit, config.auditRetention), {
    now: true,
  });
  jobs.every('session sweep', 60_000, () => sweepSessions(io, auth));
  auth.onSessionEnd((id) => sweepSessions(io, auth, id));
  // users.json changed by `npm run users` (or by hand): sessions and sockets follow within a second.
  jobs.every('users.json follow-up', 1_000, () => auth.refreshUsers());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  auth.listening(port);
  // A single position per request: a small body limit keeps floods cheap.
  const osmand: OsmAndListener | undefined =
    config.osmandPort === undefined
      ? undefined
      : await startOsmAnd(lage, auth, limiter, {
          port: config.osmandPort,
          host: config.host,
          maxBodyBytes: Math.min(config.maxBodyBytes, 64 * 1024),
          maxItems: 1,
        });
  const cot: CotListener | undefined =
    config.cotPort === undefined
      ? undefined
      : await startCot(lage, auth, audit, limiter, cotSettingsFor(config), {
          port: config.cotPort,
          host: config.host,
          tls: config.cotTls,
          staleAfterMs: config.staleAfterMs,
          maxItems: 1,
          feedIntervalMs: 1_000,
          quiet: config.quiet,
        });
  fed.subscribe();
  let closing: Promise<void> | undefined;
  const url = `${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  ownOrigin = new URL(url).origin;
  return {
    url,
    port,
    lage,
    auth,
    audit,
    hub,
    retention,
    osmandPort: osmand?.port,
    cot,
    localCredential,
    federation: fed,
    signInLink: () => {
      const principal = localCredential && auth.users.principal(localCredential.user);
      return principal ? `${url}/auth/once?code=${auth.createCode(principal)}` : undefined;
    },
    close: () =>
      (closing ??= (async () => {
        await jobs.stop();
        await retention?.stop();
        await osmand?.close();
        await cot?.close();
        fed.close();
        hub.flush();
        hub.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        server.closeAllConnections();
        await shared?.state.close();
        await cluster?.close();
        try {
          lage.snapshotNow();
        } catch (err) {
          // The log has every event; a missing last snapshot costs start-up time, never data.
          console.error(`lagebild: no snapshot at close: ${(err as Error).message}`);
        }
        datasets.close();
        await basemap.close();
        db.close();
        auth.close();
        audit.close();
      })()),
  };
}

/** The built dashboard: next to the built server (dist/server → dist/renderer) or from the repo root. */
function findDashboard(): string | undefined {
  const here = import.meta.dirname;
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../dist/renderer')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

/**
 * The configured basemap; without a settings file (flag or data dir) the region's map. Its settings
 * stay read-only in the app's assets: a basemap saved in the dashboard goes to the data dir's
 * settings.json, which wins from then on.
 */
async function initialBasemap(config: ServerConfig): Promise<BasemapRuntime> {
  const own = path.join(config.dataDir, 'settings.json');
  // The shipped region's folder holds its archive: a basemap folder like those of --basemap-dir.
  const places = {
    dataDir: config.dataDir,
    basemapDirs: config.region ? [...config.basemapDirs, config.region.dir] : config.basemapDirs,
  };
  if (config.basemapConfig || !config.region || fs.existsSync(own))
    return loadBasemap(config.basemapConfig, places);
  const rt = await loadBasemap(config.region.settings, places);
  return { ...rt, settingsFile: own };
}

/**
 * Events start-up could not fold are left out, never fatal: each is named on stderr (even with
 * --quiet: someone has to look at the row) and in the audit, and counted by GET /api/v1/health.
 */
function reportQuarantine(lage: Lage, audit: AuditLog): void {
  for (const q of lage.quarantined) {
    console.error(`lagebild: event seq ${q.seq} (${q.type}) quarantined: ${q.error}`);
    audit.append({ actor: 'server', action: 'event.quarantined', target: `seq ${q.seq}`, details: { ...q } });
  }
}
