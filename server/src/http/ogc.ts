/**
 * OGC API – Features, Part 1: Core (OGC 17-069r4) under /ogc, so QGIS, ArcGIS or GDAL load the
 * picture as two layers. Sign-in, permission (live.read), district rule, redaction and the audit
 * of personal data are those of GET /api/v1/snapshot (view.ts viewOf).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { redactPicture } from '#shared/redact';
import type { Lage } from '../lage.ts';
import type { AuditLog } from '../security/audit.ts';
import { viewOf } from './view.ts';
import { HttpError } from './respond.ts';
import { READ, route, type MethodRefusal, type RouteContext } from './route.ts';
import { own } from '#shared/idMap';
import {
  candidates,
  COLLECTIONS,
  extentOf,
  incidentFeature,
  isCollectionId,
  matches,
  unitFeature,
  type CollectionId,
} from './ogcFeatures.ts';
import { formatParam, itemsQuery, onlyParams, type Format } from './ogcQuery.ts';
import { openApiDocument } from './ogcOpenApi.ts';

export interface OgcDeps {
  lage: Lage;
  audit: AuditLog;
  staleAfterMs: number;
}

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];
const JSON_TYPE = 'application/json';
const GEOJSON = 'application/geo+json';
const OPENAPI = 'application/vnd.oai.openapi+json;version=3.0';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const ONLY_F = new Set(['f']);

interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

const useGet: MethodRefusal = () => {
  throw new HttpError(405, 'use GET for OGC API – Features');
};

const handle = ({ req, res, url, deps: { lage, audit, config } }: RouteContext) =>
  handleOgc({ lage, audit, staleAfterMs: config.staleAfterMs }, req, res, url);

export const OGC_ROUTES = [
  route({
    id: 'ogc.landing',
    path: '/ogc',
    methods: READ,
    access: 'live.read',
    refuseMethod: useGet,
    summary: 'OGC API – Features landing page',
    handle,
  }),
  route({
    id: 'ogc',
    path: '/ogc/*',
    methods: READ,
    access: 'live.read',
    refuseMethod: useGet,
    summary: 'OGC API – Features: conformance, API definition, collections units and incidents, items',
    handle,
  }),
];

/** Answers a GET (or HEAD) under /ogc. */
export function handleOgc(deps: OgcDeps, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const base = `${originOf(req)}/ogc`;
  const parts = url.pathname.replace(/\/+$/, '').split('/').slice(2).map(decodePart);
  const [a, b, c, d, ...rest] = parts;
  if (a === undefined) return landing(res, url, base);
  if (a === 'conformance' && b === undefined) {
    onlyParams(url, ONLY_F);
    formatParam(url, false);
    return send(res, JSON_TYPE, { conformsTo: CONFORMANCE });
  }
  if (a === 'api' && b === undefined) {
    onlyParams(url, ONLY_F);
    formatParam(url, false);
    return send(res, OPENAPI, openApiDocument(base));
  }
  if (a === 'collections' && rest.length === 0) {
    if (b === undefined) return collections(deps, req, res, url, base);
    if (!isCollectionId(b))
      throw notFound(`no collection "${b.slice(0, 60)}" (there are units and incidents)`);
    if (c === undefined) return collection(deps, req, res, url, base, b);
    if (c === 'items' && d === undefined) return items(deps, req, res, url, base, b);
    if (c === 'items' && d !== undefined) return item(deps, req, res, url, base, b, d);
  }
  throw notFound(`no such OGC API resource: ${url.pathname.slice(0, 120)}`);
}

function landing(res: ServerResponse, url: URL, base: string): void {
  onlyParams(url, ONLY_F);
  formatParam(url, false);
  send(res, JSON_TYPE, {
    title: 'Lagebild',
    description:
      'Die aktuelle Lage als OGC API – Features / the current situation picture as OGC API – Features',
    links: [
      { href: `${base}?f=json`, rel: 'self', type: JSON_TYPE, title: 'this document' },
      { href: `${base}/api?f=json`, rel: 'service-desc', type: OPENAPI, title: 'the API definition' },
      {
        href: `${base}/conformance?f=json`,
        rel: 'conformance',
        type: JSON_TYPE,
        title: 'conformance classes',
      },
      { href: `${base}/collections?f=json`, rel: 'data', type: JSON_TYPE, title: 'the collections' },
    ],
  });
}

function collections(deps: OgcDeps, req: IncomingMessage, res: ServerResponse, url: URL, base: string): void {
  onlyParams(url, ONLY_F);
  formatParam(url, false);
  const picture = visible(deps, req, 'collections');
  send(res, JSON_TYPE, {
    links: [{ href: `${base}/collections?f=json`, rel: 'self', type: JSON_TYPE, title: 'this document' }],
    collections: (Object.keys(COLLECTIONS) as CollectionId[]).map((id) => describe(deps, picture, base, id)),
  });
}

function collection(
  deps: OgcDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  base: string,
  id: CollectionId,
): void {
  onlyParams(url, ONLY_F);
  formatParam(url, false);
  send(res, JSON_TYPE, describe(deps, visible(deps, req, id), base, id));
}

function describe(deps: OgcDeps, picture: ReturnType<typeof redactPicture>, base: string, id: CollectionId) {
  const all = candidates(picture, id, Date.now(), deps.staleAfterMs);
  const here = `${base}/collections/${id}`;
  return {
    id,
    ...COLLECTIONS[id],
    itemType: 'feature',
    crs: [CRS84],
    extent: { spatial: { bbox: [extentOf(all)], crs: CRS84 }, temporal: { interval: [[null, null]] } },
    links: [
      { href: `${here}?f=json`, rel: 'self', type: JSON_TYPE, title: 'this collection' },
      { href: `${here}/items?f=geojson`, rel: 'items', type: GEOJSON, title: 'its features (GeoJSON)' },
      { href: `${here}/items?f=json`, rel: 'items', type: JSON_TYPE, title: 'its features (JSON)' },
    ],
  };
}

function items(
  deps: OgcDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  base: string,
  id: CollectionId,
): void {
  const q = itemsQuery(url);
  const picture = visible(deps, req, id);
  const matched = candidates(picture, id, Date.now(), deps.staleAfterMs).filter((c) => matches(c, q));
  const page = matched.slice(q.offset, q.offset + q.limit).map((c) => c.feature());
  const here = `${base}/collections/${id}/items`;
  const link = (rel: string, format: Format, offset: number): Link => {
    const params = new URLSearchParams(url.searchParams);
    params.set('f', format);
    params.set('offset', String(offset));
    params.set('limit', String(q.limit));
    return { href: `${here}?${params.toString()}`, rel, type: format === 'json' ? JSON_TYPE : GEOJSON };
  };
  const other: Format = q.format === 'json' ? 'geojson' : 'json';
  const links: Link[] = [
    { ...link('self', q.format, q.offset), title: 'this document' },
    { ...link('alternate', other, q.offset), title: `this document as ${other}` },
    { href: `${base}/collections/${id}?f=json`, rel: 'collection', type: JSON_TYPE, title: 'the collection' },
  ];
  if (q.offset + q.limit < matched.length)
    links.push({ ...link('next', q.format, q.offset + q.limit), title: 'next page' });
  if (q.offset > 0)
    links.push({ ...link('prev', q.format, Math.max(0, q.offset - q.limit)), title: 'previous page' });
  send(res, q.format === 'json' ? JSON_TYPE : GEOJSON, {
    type: 'FeatureCollection',
    timeStamp: new Date().toISOString(),
    numberMatched: matched.length,
    numberReturned: page.length,
    features: page,
    links,
  });
}

function item(
  deps: OgcDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  base: string,
  id: CollectionId,
  featureId: string,
): void {
  onlyParams(url, ONLY_F);
  const format = formatParam(url, true);
  const picture = visible(deps, req, id);
  // A feature the viewer may not see is as unknown as one that does not exist.
  const unit = id === 'units' ? own(picture.units, featureId) : undefined;
  const incident = id === 'incidents' ? own(picture.incidents, featureId) : undefined;
  const feature = unit
    ? unitFeature(unit, Date.now(), deps.staleAfterMs)
    : incident && incidentFeature(incident);
  if (!feature) throw notFound(`no feature "${featureId.slice(0, 60)}" in ${id}`);
  const here = `${base}/collections/${id}/items/${encodeURIComponent(featureId)}`;
  const other: Format = format === 'json' ? 'geojson' : 'json';
  const type = (f: Format) => (f === 'json' ? JSON_TYPE : GEOJSON);
  send(res, type(format), {
    ...feature,
    links: [
      { href: `${here}?f=${format}`, rel: 'self', type: type(format), title: 'this document' },
      { href: `${here}?f=${other}`, rel: 'alternate', type: type(other), title: `this document as ${other}` },
      {
        href: `${base}/collections/${id}?f=json`,
        rel: 'collection',
        type: JSON_TYPE,
        title: 'the collection',
      },
    ],
  });
}

/** The picture as this caller may see it (audited like the snapshot when it holds personal data). */
function visible(deps: OgcDeps, req: IncomingMessage, what: string) {
  return redactPicture(deps.lage.picture, viewOf(req, deps.audit, `ogc ${what}`));
}

const notFound = (message: string) => new HttpError(404, message, { code: 'NotFound', description: message });

function decodePart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw notFound(`not a valid path segment: ${s.slice(0, 60)}`);
  }
}

const HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/** Links name the address the client used (a GIS behind a proxy or on another machine follows them). */
function originOf(req: IncomingMessage): string {
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const host = req.headers.host;
  if (host && HOST.test(host)) return `${scheme}://${host}`;
  const addr = req.socket.localAddress ?? '127.0.0.1';
  return `${scheme}://${addr.includes(':') ? `[${addr}]` : addr}:${req.socket.localPort ?? ''}`;
}

function send(res: ServerResponse, type: string, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}
