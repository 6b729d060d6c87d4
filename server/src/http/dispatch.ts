/**
 * Every HTTP request of the server: the route of the table (routeTable.ts) that matches its path,
 * the security gate before anything else, then the route's checks and handler. A path that no
 * route matches is the dashboard's static files outside /api/, 404 under it (the gate says so).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gate } from '../security/routes.ts';
import { routeFor } from './routeTable.ts';
import type { RouteDeps } from './route.ts';
import { serveStatic } from './static.ts';

export async function dispatch(
  deps: RouteDeps,
  staticRoot: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const found = routeFor(url.pathname);
  gate(deps.auth, req, url, found?.route);
  if (found) return found.route.serve({ req, res, url, deps }, found.params);
  return serveStatic(staticRoot, req, res, url.pathname);
}
