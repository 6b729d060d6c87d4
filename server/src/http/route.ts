/**
 * What a feature module declares for each of its HTTP routes: method(s), path, permission (access),
 * input schema (path parameters as a zod schema, the query through the param helpers) and handler.
 * The modules' lists are put together in routeTable.ts, the one table the security gate
 * (security/routes.ts), the access matrix test and the route index of docs/api.md read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Access } from '../security/routes.ts';
import type { Auth } from '../security/auth.ts';
import type { AuditLog } from '../security/audit.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import type { ServerConfig } from '../config.ts';
import type { Geo } from '../geo/geo.ts';
import type { BasemapRoutes } from '../basemap/serve.ts';
import type { Datasets } from './datasets.ts';
import { HttpError } from './respond.ts';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT';

/** What the handlers of the running server work with (app.ts builds it once). */
export interface RouteDeps {
  lage: Lage;
  db: Db;
  config: ServerConfig;
  limiter: RateLimiter;
  audit: AuditLog;
  auth: Auth;
  geo: Geo;
  basemap: BasemapRoutes;
  /** The live log and the imported datasets as replay sources (replay, heatmap, incident routes). */
  datasets: Datasets;
  scheme: 'http' | 'https';
  /** GET /api/v1/health's body (http/health.ts). */
  health: () => object;
}

export interface RouteContext<P = Record<string, string>, Q = undefined> extends RouteRequest {
  /** The path parameters, checked by the route's `params` schema. */
  params: P;
  /** The query, read by the route's `query` function. */
  query: Q;
}

/**
 * How a route answers a method it does not take. The route families answered differently before
 * the table existed (a JSON error, an Allow header, an empty body); each keeps its answer.
 */
export type MethodRefusal = (req: IncomingMessage, res: ServerResponse, methods: readonly Method[]) => void;

interface RouteFields {
  /** Short name (the access matrix test has one sample request per id). */
  id: string;
  /**
   * `/exact/path`, `/a/prefix/*` (anything below it, also nothing), or `/with/:param` (one path
   * segment, possibly empty). The first route of the table whose path matches answers.
   */
  path: string;
  /** The methods it takes; 'GET' does not imply 'HEAD' (the sign-in routes never took HEAD). */
  methods: readonly Method[];
  /** Who may call it: checked by the gate before anything else (security/routes.ts). */
  access: Access;
  /** The answer to a caller without credentials, when it is not the general "sign in first". */
  unauthorized?: string;
  /** One line for the route index of docs/api.md. */
  summary: string;
}

/** A route as its module declares it. */
export interface RouteSpec<P, Q> extends RouteFields {
  /** Path parameters: a request whose parameters fail it is answered 404 (before the method check). */
  params?: z.ZodType<P>;
  /** Reads and checks the query (HttpError 400 for a bad one); runs after the method check. */
  query?: (url: URL) => Q;
  /** Default: useMethod. */
  refuseMethod?: MethodRefusal;
  handle(ctx: RouteContext<P, Q>): void | Promise<void>;
}

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  deps: RouteDeps;
}

/** A route as the table holds it: its checks and handler behind one call, after the gate. */
export interface Route extends RouteFields {
  serve(request: RouteRequest, params: Record<string, string>): Promise<void>;
}

/**
 * Declares a route. The order of the checks after the gate is fixed here: path parameters (404),
 * method (405), query (400), handler.
 */
export function route<P = Record<string, string>, Q = undefined>(spec: RouteSpec<P, Q>): Route {
  const { params: paramsSchema, query, refuseMethod = useMethod, handle, ...fields } = spec;
  return {
    ...fields,
    serve: async (request, raw) => {
      const { req, res, url } = request;
      let params = raw as P;
      if (paramsSchema) {
        const parsed = paramsSchema.safeParse(raw);
        if (!parsed.success) {
          req.resume();
          throw new HttpError(404, `no such API route: ${url.pathname}`);
        }
        params = parsed.data;
      }
      if (!spec.methods.includes((req.method ?? 'GET') as Method)) {
        req.resume();
        refuseMethod(req, res, spec.methods);
        return;
      }
      await handle({ ...request, params, query: query ? query(url) : (undefined as Q) });
    },
  };
}

/** The API's general answer: `use GET for this route`. */
export const useMethod: MethodRefusal = (_req, _res, methods) => {
  throw new HttpError(405, `use ${methods.find((m) => m !== 'HEAD') ?? 'GET'} for this route`);
};

/** Reads, HEAD included, unless the route says otherwise. */
export const READ: readonly Method[] = ['GET', 'HEAD'];
