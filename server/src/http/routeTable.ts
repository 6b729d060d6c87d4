/**
 * The one route table: every HTTP route of the server, put together from the feature modules that
 * declare them (method, path, access, input schema, handler; route.ts). The security gate, the
 * access matrix test (security/matrix.test.ts) and the route index of docs/api.md
 * (routeIndex.test.ts) read it. A path under /api/ that matches no route answers 404 for everybody.
 */
import { AUTH_ROUTES } from '../security/authRoutes.ts';
import { INGEST_ROUTES } from '../ingest/routes.ts';
import { BASEMAP_ROUTES } from '../basemap/routes.ts';
import { LIVE_ROUTES } from './liveRoutes.ts';
import { HEATMAP_ROUTES } from './heatmapRoutes.ts';
import { GEO_ROUTES } from './geoRoutes.ts';
import { EXPORT_ROUTES } from './exportRoute.ts';
import { REPLAY_ROUTES } from './replayRoutes.ts';
import { INCIDENT_ROUTES } from './incidentRoutes.ts';
import { AUDIT_ROUTES } from './auditRoutes.ts';
import { OGC_ROUTES } from './ogc.ts';
import type { Route } from './route.ts';

/** In matching order: the first route whose path matches answers (an exact path before a prefix). */
export const ROUTES: readonly Route[] = [
  ...AUTH_ROUTES,
  ...LIVE_ROUTES,
  ...HEATMAP_ROUTES,
  ...GEO_ROUTES,
  ...EXPORT_ROUTES,
  ...REPLAY_ROUTES,
  ...INCIDENT_ROUTES,
  ...AUDIT_ROUTES,
  ...INGEST_ROUTES,
  ...BASEMAP_ROUTES,
  ...OGC_ROUTES,
];

type Matcher = (pathname: string) => Record<string, string> | undefined;

/** `/exact`, `/prefix/*` or `/with/:param` (one segment, possibly empty) → a matcher. */
export function compilePath(path: string): Matcher {
  if (path.endsWith('/*')) {
    const prefix = path.slice(0, -1);
    return (p) => (p.startsWith(prefix) ? {} : undefined);
  }
  if (!path.includes('/:')) return (p) => (p === path ? {} : undefined);
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]*)';
    })
    .join('/');
  const re = new RegExp(`^${source}$`);
  return (p) => {
    const m = re.exec(p);
    if (!m) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, m[i + 1] ?? '']));
  };
}

const matchers = ROUTES.map((r) => ({ route: r, match: compilePath(r.path) }));

/** The route that answers a path, with its path parameters; undefined when none does. */
export function routeFor(pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const { route, match } of matchers) {
    const params = match(pathname);
    if (params) return { route, params };
  }
  return undefined;
}
