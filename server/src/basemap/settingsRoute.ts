/**
 * `GET|PUT /api/v1/basemap/settings`: the basemap entry of the settings file for the dashboard's
 * settings form, and changing it (settingsWrite.ts validates and writes). Both need
 * BASEMAP_SETTINGS_PERMISSION. The central authentication decides through `authorize`; a server
 * without one lets only its own machine (loopback) change settings.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Permission } from '#shared/roles';
import { HttpError, readJson, sendJson } from '../http/respond.ts';
import type { BasemapRuntime } from './settings.ts';
import {
  BASEMAP_SETTINGS_PERMISSION,
  saveBasemapSettings,
  SettingsRefused,
  settingsView,
} from './settingsWrite.ts';

export const SETTINGS_ROUTE = '/api/v1/basemap/settings';
/** A basemap entry is a few hundred bytes; anything near this is not one. */
const MAX_BODY = 64 * 1024;

/** Which permission each method of the route needs (declared for the central authorisation). */
export const SETTINGS_ROUTE_PERMISSIONS: Readonly<Record<'GET' | 'PUT', Permission>> = {
  GET: BASEMAP_SETTINGS_PERMISSION,
  PUT: BASEMAP_SETTINGS_PERMISSION,
};

export interface SettingsRouteOptions {
  /** True when the request's user holds the permission (the central authentication). */
  authorize?: (req: IncomingMessage, permission: Permission) => boolean | Promise<boolean>;
  /**
   * Called once after a change was written and the new basemap is served (never for a refused or
   * failed save): the server tells the open dashboards (app.ts).
   */
  onChanged?: () => void;
}

const isLoopback = (req: IncomingMessage): boolean => {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
};

let saving: Promise<unknown> = Promise.resolve();

/** One change at a time: two saves racing could each keep a stale copy of the other keys. */
export function saveInTurn(
  file: string,
  body: unknown,
  places: BasemapRuntime['places'],
): Promise<BasemapRuntime> {
  const result = saving.then(() => saveBasemapSettings(file, body, places));
  saving = result.catch(() => undefined);
  return result;
}

export async function settingsRoute(
  req: IncomingMessage,
  res: ServerResponse,
  runtime: BasemapRuntime,
  replace: (next: BasemapRuntime) => Promise<void>,
  options: SettingsRouteOptions,
): Promise<true> {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (method !== 'GET' && method !== 'PUT') {
    req.resume();
    res.writeHead(405, { allow: 'GET, PUT' }).end();
    return true;
  }
  const permission = SETTINGS_ROUTE_PERMISSIONS[method];
  const allowed = options.authorize ? await options.authorize(req, permission) : isLoopback(req);
  if (!allowed) {
    req.resume();
    sendJson(res, 403, {
      error: options.authorize
        ? `changing the basemap needs the permission ${permission}`
        : 'without sign-in, basemap settings can only be changed on the server machine itself',
    });
    return true;
  }
  if (method === 'GET') {
    sendJson(res, 200, settingsView(runtime));
    return true;
  }
  const file = runtime.settingsFile;
  if (!file) throw new HttpError(409, 'this server has no settings file to write');
  let body: unknown;
  try {
    body = await readJson(req, MAX_BODY);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    sendJson(res, e.status, { error: e.message });
    return true;
  }
  try {
    const next = await saveInTurn(file, body, runtime.places);
    await replace(next);
    sendJson(res, 200, settingsView(next));
  } catch (e) {
    if (!(e instanceof SettingsRefused)) throw e;
    sendJson(res, e.status, { error: e.message, issues: e.issues });
    return true;
  }
  try {
    options.onChanged?.();
  } catch (e) {
    // The change is saved and answered; telling the dashboards is best effort.
    console.error('lagebild: announcing the basemap change failed', e);
  }
  return true;
}
