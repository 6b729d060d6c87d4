/**
 * The basemap's entries in the route table. The routes themselves are serve.ts and
 * settingsRoute.ts (also served on their own in their tests); the server's basemap is
 * `deps.basemap`. The summary and styles name the configured sources; tiles, fonts and sprites are
 * map data like the built-in map and stay public, as does the dashboard's own code (the login page).
 */
import type { ServerResponse } from 'node:http';
import { HttpError } from '../http/respond.ts';
import { READ, route, type MethodRefusal, type RouteContext } from '../http/route.ts';
import { SETTINGS_ROUTE } from './settingsRoute.ts';

/** The basemap's answer to another method: an empty 405 naming the methods it takes. */
const allow =
  (methods: string): MethodRefusal =>
  (_req, res: ServerResponse) =>
    void res.writeHead(405, { allow: methods }).end();

async function basemap({ req, res, url, deps }: RouteContext): Promise<void> {
  if (!(await deps.basemap.handle(req, res, url)))
    throw new HttpError(404, `no such basemap resource: ${url.pathname}`);
}

const read = (id: string, path: string, summary: string) =>
  route({
    id,
    path,
    methods: READ,
    access: 'live.read',
    refuseMethod: allow('GET, HEAD'),
    summary,
    handle: basemap,
  });

export const BASEMAP_ROUTES = [
  read('basemap', '/api/v1/basemap', 'what the configured basemap is: style, archive, overlays'),
  read('basemap.style', '/api/v1/basemap/style', 'the MapLibre style of the basemap (dark or light)'),
  // Reading the settings needs a signed-in viewer; changing them users.manage (checked by the route).
  route({
    id: 'basemap.settings',
    path: SETTINGS_ROUTE,
    methods: ['GET', 'HEAD', 'PUT'],
    access: 'live.read',
    refuseMethod: allow('GET, PUT'),
    summary: 'the basemap entry of the settings file; PUT changes it (admins)',
    handle: basemap,
  }),
  route({
    id: 'basemap.files',
    path: '/basemap/*',
    methods: READ,
    access: 'public',
    refuseMethod: allow('GET, HEAD'),
    summary: 'the archive (byte ranges), its tiles, overlays, fonts, sprite and glyphs',
    handle: basemap,
  }),
];
