/**
 * The street register and the districts of the region (docs/api.md): reverse geocoding of a map
 * point, forward geocoding of a typed address with suggestions, and the district names for the
 * dashboard's "Bereich" filter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Geo } from '../geo/geo.ts';
import { MAX_SUGGESTIONS } from '../geo/streetSearch.ts';
import { identityOf } from '../security/routes.ts';
import type { Identity } from '../security/auth.ts';
import { HttpError, sendJson } from './respond.ts';
import { intParam, numParam } from './params.ts';

export const GEO_ROUTES = ['/geocode/reverse', '/geocode/search', '/geo/districts'] as const;
export const isGeoRoute = (route: string): boolean => (GEO_ROUTES as readonly string[]).includes(route);

const MAX_QUERY = 200;
const NO_STREETS = 'no street data configured (--streets or a region with streets.geojson)';

export function geoRoute(geo: Geo, req: IncomingMessage, res: ServerResponse, route: string, url: URL): void {
  if (route === '/geocode/reverse') {
    const lat = numParam(url, 'lat', -90, 90);
    const lon = numParam(url, 'lon', -180, 180);
    if (!geo.hasStreets) throw new HttpError(404, NO_STREETS);
    const hit = geo.reverse(lat, lon);
    if (hit) return sendJson(res, 200, hit);
    // A point far from any street (the Rhine, a forest) is a normal answer, not a missing resource.
    const district = geo.district(lat, lon);
    return sendJson(res, 200, {
      address: null,
      reason: 'no street within 150 m',
      ...(district ? { district } : {}),
    });
  }
  if (route === '/geocode/search') {
    const q = url.searchParams.get('q') ?? '';
    if (!q.trim()) throw new HttpError(400, 'q is required: a street, optionally with a house number');
    if (q.length > MAX_QUERY) throw new HttpError(400, `q is longer than ${MAX_QUERY} characters`);
    const limit = intParam(url, 'limit', MAX_SUGGESTIONS, 1);
    if (limit > MAX_SUGGESTIONS) throw new HttpError(400, `limit must be 1 to ${MAX_SUGGESTIONS}`);
    if (!geo.hasStreets) throw new HttpError(404, NO_STREETS);
    return sendJson(res, 200, { results: geo.search(q, limit) });
  }
  // /geo/districts: a viewer limited to some districts is offered those.
  const own = (identityOf(req) as Identity).principal.districts;
  const all = geo.districtNames();
  return sendJson(res, 200, { districts: own ? all.filter((d) => own.includes(d)) : all });
}
