/**
 * `--osmand-port`: the OsmAnd/Traccar HTTP listener. Every request is decoded (osmand.ts), its
 * device token checked against users.json (a device with ingest.write bound to a unit), and the
 * position goes through the same ingest path as the JSON API (ingest → toEvents → commit).
 * Answers 200 with an empty body when stored (what the Traccar Client expects), else a 4xx JSON
 * error naming the problem; refused tokens are audited like the gate's refusals.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { can } from '#shared/roles';
import type { Lage } from '../lage.ts';
import type { Auth } from '../security/auth.ts';
import { sendJson } from '../http/respond.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';
import { GroupCommit } from './groupCommit.ts';
import { decodeJson, decodeParams, type Decoded } from './osmand.ts';

export interface OsmAndOptions {
  port: number;
  host: string;
  maxBodyBytes: number;
  maxItems: number;
}

export interface OsmAndListener {
  port: number;
  close(): Promise<void>;
}

export async function startOsmAnd(
  lage: Lage,
  auth: Auth,
  limiter: RateLimiter,
  options: OsmAndOptions,
): Promise<OsmAndListener> {
  const group = new GroupCommit(lage, options.maxItems);
  const server = http.createServer((req, res) => {
    handle(req, group, auth, limiter, options).then(
      ({ status, error }) => {
        if (status === 200) {
          res.writeHead(200, { 'content-length': 0 });
          res.end();
        } else sendJson(res, status, { error });
      },
      (err: unknown) => {
        console.error('lagebild: osmand request failed', err);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      },
    );
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Outcome {
  status: number;
  error?: string;
}

async function handle(
  req: http.IncomingMessage,
  group: GroupCommit,
  auth: Auth,
  limiter: RateLimiter,
  options: OsmAndOptions,
): Promise<Outcome> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    req.resume();
    return { status: 405, error: 'use GET or POST (OsmAnd protocol)' };
  }
  if (!limiter.take(`osmand:${req.socket.remoteAddress ?? '?'}`)) {
    req.resume();
    return { status: 429, error: 'too many requests; slow down' };
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const body = await readBody(req, options.maxBodyBytes);
  if (typeof body !== 'string') return body;
  const decoded = decode(url, req.headers['content-type'], body);
  if (!decoded.ok) return { status: decoded.status, error: decoded.error };
  const what = `${req.method} osmand`;
  // The same lookup as a Bearer token: users.json devices and the --ingest-token.
  const device = auth.identify({}, decoded.report.token)?.principal;
  if (!device) {
    auth.refused(undefined, what, 'unknown device token', { ip: req.socket.remoteAddress });
    return { status: 401, error: 'unknown device: id must be a device token (npm run users -- add-device)' };
  }
  if (!can(device.roles, 'ingest.write')) {
    const why = `the role ${device.roles.join('+')} lacks the permission ingest.write`;
    auth.refused({ principal: device }, what, why);
    return { status: 403, error: `not allowed: ${why}` };
  }
  if (device.unit === undefined) {
    const why = `the device ${device.name} is not bound to a unit (add-device … --unit <unitId>)`;
    auth.refused({ principal: device }, what, why);
    return { status: 403, error: `not allowed: ${why}` };
  }
  const item = { unitId: device.unit, ...decoded.report.fix };
  const ack = await group.submit('positions', [item], device.name, device.unit);
  if (ack.ok) return { status: 200 };
  // One item per request: its errors are the request's errors.
  const detail = ack.items?.[0]?.errors.join('; ');
  return { status: ack.status, error: detail ? `${ack.error}: ${detail}` : ack.error };
}

function decode(url: URL, type: string | undefined, body: string): Decoded {
  if (url.searchParams.size > 0) return decodeParams(url.searchParams);
  if (type !== undefined && /^application\/(.+\+)?json\b/i.test(type)) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (err) {
      return { ok: false, status: 400, error: `malformed JSON: ${(err as Error).message}` };
    }
    return decodeJson(json);
  }
  if (body.trim() === '')
    return { ok: false, status: 400, error: 'no parameters: send id, lat, lon, … as query, form or JSON' };
  return decodeParams(new URLSearchParams(body.trim()));
}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string | Outcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: string | Outcome) => {
      if (!done) resolve(v);
      done = true;
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish({ status: 413, error: `body too large: more than ${maxBytes} bytes` });
      else chunks.push(chunk);
    });
    req.on('error', (err) => finish({ status: 400, error: `could not read body: ${err.message}` }));
    req.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
  });
}
