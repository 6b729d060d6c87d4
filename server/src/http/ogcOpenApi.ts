/**
 * The API definition of /ogc (OpenAPI 3.0, conformance class oas30), the landing page's
 * `service-desc`. It declares exactly the parameters ogcQuery.ts accepts, so a client (or the OGC
 * test suite) knows that any other parameter is refused.
 */
import { LIMIT_DEFAULT, LIMIT_MAX } from './ogcQuery.ts';

const json = (schema: object = { type: 'object' }) => ({ 'application/json': { schema } });
const f = (values: string[]) => ({
  name: 'f',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: values },
  style: 'form',
  explode: false,
});
const ok = (description: string, content: object) => ({
  200: { description, content },
  400: { description: 'a bad parameter (named in the answer)', content: json() },
  401: { description: 'not signed in (session cookie or Authorization: Bearer <token>)' },
  403: { description: 'the role lacks live.read' },
});
const collectionId = {
  name: 'collectionId',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: ['units', 'incidents'] },
};

export function openApiDocument(base: string): object {
  const geo = { 'application/geo+json': { schema: { type: 'object' } }, ...json() };
  return {
    openapi: '3.0.3',
    info: { title: 'Lagebild – OGC API – Features', version: '1.0.0' },
    servers: [{ url: base }],
    components: {
      // Or the dashboard's session cookie (its name carries the port: docs/security.md).
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
    paths: {
      '/': {
        get: {
          operationId: 'getLandingPage',
          parameters: [f(['json'])],
          responses: ok('landing page', json()),
        },
      },
      '/conformance': {
        get: {
          operationId: 'getConformance',
          parameters: [f(['json'])],
          responses: ok('conformance classes', json()),
        },
      },
      '/api': {
        get: { operationId: 'getApi', parameters: [f(['json'])], responses: ok('this document', json()) },
      },
      '/collections': {
        get: {
          operationId: 'getCollections',
          parameters: [f(['json'])],
          responses: ok('the collections', json()),
        },
      },
      '/collections/{collectionId}': {
        get: {
          operationId: 'describeCollection',
          parameters: [collectionId, f(['json'])],
          responses: { ...ok('the collection', json()), 404: { description: 'no such collection' } },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          parameters: [
            collectionId,
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT },
              style: 'form',
              explode: false,
            },
            {
              name: 'bbox',
              in: 'query',
              required: false,
              schema: {
                type: 'array',
                oneOf: [
                  { minItems: 4, maxItems: 4 },
                  { minItems: 6, maxItems: 6 },
                ],
                items: { type: 'number' },
              },
              style: 'form',
              explode: false,
            },
            {
              name: 'datetime',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              style: 'form',
              explode: false,
            },
            {
              name: 'offset',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 0, default: 0 },
              style: 'form',
              explode: false,
            },
            f(['geojson', 'json']),
          ],
          responses: { ...ok('the features', geo), 404: { description: 'no such collection' } },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          parameters: [
            collectionId,
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
            f(['geojson', 'json']),
          ],
          responses: {
            ...ok('the feature', geo),
            404: { description: 'no such feature (or not visible to you)' },
          },
        },
      },
    },
  };
}
