import { CALL_TYPES, type CallType } from '#shared/domain';
import { policyFor, type ViewPolicy } from '#shared/redact';
import type { Db } from '../store/db.ts';
import { compareHex, heatPoints, hexCounts, incidentsIn, type Window } from '../heatmap.ts';
import { identityOf } from '../security/routes.ts';
import type { Identity } from '../security/auth.ts';
import { HttpError, sendJson } from './respond.ts';
import { intParam, timeWindow } from './params.ts';
import { READ, route, type RouteContext } from './route.ts';

/**
 * `dataset`: an imported dataset's incidents, for the replay view of that dataset (needs
 * replay.read). Counts of what the viewer sees (a district-limited viewer: its districts); no
 * personal data.
 */
function heatmap({ req, res, url, deps }: RouteContext): void {
  const { db, timeZone } = deps.datasets.heatmapSource(req, url.searchParams.get('dataset'));
  const { roles, districts } = (identityOf(req) as Identity).principal;
  const path = url.pathname.slice('/api/v1'.length);
  sendJson(res, 200, heatmapResponse(db, path, url, policyFor(roles, districts), timeZone));
}

export const HEATMAP_ROUTES = [
  route({
    id: 'heatmap',
    path: '/api/v1/heatmap',
    methods: READ,
    access: 'heatmap.read',
    summary: 'incidents of a period as heat points or hexagon counts',
    handle: heatmap,
  }),
  route({
    id: 'heatmap.compare',
    path: '/api/v1/heatmap/compare',
    methods: READ,
    access: 'heatmap.read',
    summary: 'hexagon counts of a period against a base period',
    handle: heatmap,
  }),
];

/**
 * GET /api/v1/heatmap and /api/v1/heatmap/compare: counts of the incidents the viewer sees (`policy`:
 * a district-limited viewer's districts and incidents without a district). Times without an offset
 * are wall-clock times of `timeZone`, the source's (a dataset's own zone, Europe/Berlin live).
 */
export function heatmapResponse(
  db: Db,
  route: string,
  url: URL,
  policy: ViewPolicy,
  timeZone: string,
): unknown {
  const window = parseWindow(url, 'from', 'to', timeZone);
  const res = intParam(url, 'res', 8, 5, 10);
  if (route === '/heatmap') {
    const rows = incidentsIn(db, window, policy);
    const mode = url.searchParams.get('mode') ?? 'heat';
    if (mode === 'heat') return { ...echo(window), total: rows.length, mode, points: heatPoints(rows) };
    if (mode === 'hex')
      return { ...echo(window), total: rows.length, mode, res, cells: hexCounts(rows, res) };
    throw new HttpError(400, 'mode must be heat or hex');
  }
  const base = parseWindow(url, 'baseFrom', 'baseTo', timeZone);
  const a = incidentsIn(db, window, policy);
  const b = incidentsIn(db, { ...base, ...(window.types ? { types: window.types } : {}) }, policy);
  return {
    ...echo(window),
    base: { from: base.from, to: base.to },
    totals: { a: a.length, b: b.length },
    res,
    cells: compareHex(a, b, res),
  };
}

const echo = (w: Window) => ({ from: w.from, to: w.to, types: w.types ?? [] });

function parseWindow(url: URL, fromName: string, toName: string, zone: string): Window {
  const { from, to } = timeWindow(url, 'heatmap', zone, fromName, toName);
  const raw = url.searchParams.get('types');
  if (!raw) return { from, to };
  const types = raw.split(',').filter(Boolean);
  const unknown = types.filter((t) => !(CALL_TYPES as readonly string[]).includes(t));
  if (unknown.length) throw new HttpError(400, `unknown call type(s): ${unknown.join(', ')}`);
  return { from, to, types: types as CallType[] };
}
