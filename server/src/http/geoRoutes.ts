/**
 * The street register and the districts of the region (docs/api.md): reverse geocoding of a map
 * point, forward geocoding of a typed address with suggestions, and the district names for the
 * dashboard's "Bereich" filter.
 */
import { MAX_SUGGESTIONS } from '../geo/streetSearch.ts';
import { identityOf } from '../security/routes.ts';
import type { Identity } from '../security/auth.ts';
import { HttpError, sendJson } from './respond.ts';
import { intParam, numParam } from './params.ts';
import { READ, route } from './route.ts';

const MAX_QUERY = 200;
const NO_STREETS = 'no street data configured (--streets or a region with streets.geojson)';

export const GEO_ROUTES = [
  route({
    id: 'geocode',
    path: '/api/v1/geocode/reverse',
    methods: READ,
    access: 'command.open',
    summary: 'the address (and district) nearest a map point',
    query: (url) => ({ lat: numParam(url, 'lat', -90, 90), lon: numParam(url, 'lon', -180, 180) }),
    handle: ({ res, deps: { geo }, query: { lat, lon } }) => {
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
    },
  }),
  route({
    id: 'geocode.search',
    path: '/api/v1/geocode/search',
    methods: READ,
    access: 'command.open',
    summary: 'addresses matching a typed street and house number',
    query: (url) => {
      const q = url.searchParams.get('q') ?? '';
      if (!q.trim()) throw new HttpError(400, 'q is required: a street, optionally with a house number');
      if (q.length > MAX_QUERY) throw new HttpError(400, `q is longer than ${MAX_QUERY} characters`);
      const limit = intParam(url, 'limit', MAX_SUGGESTIONS, 1);
      if (limit > MAX_SUGGESTIONS) throw new HttpError(400, `limit must be 1 to ${MAX_SUGGESTIONS}`);
      return { q, limit };
    },
    handle: ({ res, deps: { geo }, query: { q, limit } }) => {
      if (!geo.hasStreets) throw new HttpError(404, NO_STREETS);
      sendJson(res, 200, { results: geo.search(q, limit) });
    },
  }),
  route({
    id: 'geo.districts',
    path: '/api/v1/geo/districts',
    methods: READ,
    access: 'live.read',
    summary: "the region's district names (a district-limited viewer: its own)",
    handle: ({ req, res, deps: { geo } }) => {
      const own = (identityOf(req) as Identity).principal.districts;
      const all = geo.districtNames();
      sendJson(res, 200, { districts: own ? all.filter((d) => own.includes(d)) : all });
    },
  }),
];
