/**
 * `--cot-port`: Cursor on Target for TAK clients (ATAK, WinTAK, iTAK) — the XML streaming protocol
 * (TAK protocol version 0). TCP, with TLS and client certificates when --cot-cert/--cot-key/--cot-ca
 * are given (the certificate's CN names a device of users.json: its roles decide what it may send
 * and see); plain TCP and UDP only on a loopback host. Position reports go through the same ingest
 * path as the JSON API (group commit → toEvents → commit); connected TCP/TLS clients receive the
 * picture as CoT, redacted like a wall unless their device's roles allow more.
 * A bad event is dropped with a reason (refusals, stderr); it never ends the server or the stream,
 * except an event over 64 KiB or a TAK protobuf stream, which close that connection.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { own } from '#shared/idMap';
import { can } from '#shared/roles';
import { policyFor, policyKey, redactPicture, type ViewPolicy } from '#shared/redact';
import type { Lage } from '../lage.ts';
import type { Auth } from '../security/auth.ts';
import type { AuditLog } from '../security/audit.ts';
import type { Principal } from '../security/users.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';
import { GroupCommit } from './groupCommit.ts';
import {
  decodeCot,
  pong,
  incidentToCot,
  unitToCot,
  unitUid,
  incidentUid,
  INCIDENT_STALE_MS,
  type CotSettings,
} from './cot.ts';
import { XML_LIMITS } from './cotXml.ts';

export interface CotOptions {
  port: number;
  host: string;
  tls: { cert: string; key: string; ca: string } | undefined;
  staleAfterMs: number;
  maxItems: number;
  /** How often connected clients get what changed (ms). */
  feedIntervalMs: number;
  quiet: boolean;
}

export interface CotStats {
  decoded: number;
  committed: number;
  ignored: number;
  refused: number;
}

export interface CotListener {
  port: number;
  /** The UDP port (plain mode only). */
  udpPort: number | undefined;
  stats: CotStats;
  /** The latest refusals (at most 200), newest last: "<from>: <reason>". */
  refusals: string[];
  close(): Promise<void>;
}

interface Client {
  socket: net.Socket;
  principal: Principal;
  policy: ViewPolicy;
  /** What was last sent per CoT uid (a key of the content, not the XML). */
  sent: Map<string, string>;
  /** Units this client reports itself: not echoed back to it. */
  own: Set<string>;
  /** The picture version it was last fed (nothing to do until it changes). */
  version?: string;
}

const MAX_REFUSALS = 200;
/** A slow client's unsent data above this is not added to; it gets the changes once it drains. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export async function startCot(
  lage: Lage,
  auth: Auth,
  audit: AuditLog,
  limiter: RateLimiter,
  settings: CotSettings,
  options: CotOptions,
): Promise<CotListener> {
  const group = new GroupCommit(lage, options.maxItems);
  const stats: CotStats = { decoded: 0, committed: 0, ignored: 0, refused: 0 };
  const refusals: string[] = [];
  const clients = new Set<Client>();
  const refuse = (from: string, why: string) => {
    stats.refused++;
    refusals.push(`${from}: ${why}`);
    if (refusals.length > MAX_REFUSALS) refusals.shift();
    if (!options.quiet) console.error(`lagebild: CoT from ${from}: ${why}`);
  };

  /** One complete event from a sender. */
  const onEvent = (xml: string, principal: Principal, from: string, client?: Client) => {
    // Per TCP connection (a relay may carry many clients), per address for UDP.
    const bucket = client
      ? `cot:${client.socket.remoteAddress ?? '?'}:${client.socket.remotePort ?? '?'}`
      : `cot:${from}`;
    if (!limiter.take(bucket)) return refuse(from, 'too many events; slow down');
    const d = decodeCot(xml, Date.now());
    if (!d.ok) return refuse(from, d.error);
    if ('ignored' in d) {
      stats.ignored++;
      if (d.type === 't-x-c-t' && client && !client.socket.destroyed)
        client.socket.write(pong(Date.now()) + '\n');
      return;
    }
    stats.decoded++;
    if (!can(principal.roles, 'ingest.write')) {
      auth.refused(
        { principal },
        'cot position',
        `the role ${principal.roles.join('+')} lacks the permission ingest.write`,
      );
      return refuse(
        from,
        `not allowed: ${principal.name} may not send positions (role without ingest.write)`,
      );
    }
    const table = settings.tables();
    if (!table.ok) return refuse(from, table.error);
    const unitId = own(table.tables.uid, d.fix.uid);
    if (unitId === undefined)
      return refuse(from, `uid ${d.fix.uid.slice(0, 80)} is not in the cot.uid table of ${settings.file}`);
    client?.own.add(unitId);
    const { uid: _u, type: _t, callsign: _c, ...fix } = d.fix;
    void group.submit('positions', [{ unitId, ...fix }], principal.name, principal.unit).then((ack) => {
      if (ack.ok) stats.committed++;
      else refuse(from, `${ack.error}${ack.items?.[0] ? `: ${ack.items[0].errors.join('; ')}` : ''}`);
    });
  };

  const onConnection = (socket: net.Socket, principal: Principal) => {
    const from = `${principal.name} (${socket.remoteAddress ?? '?'})`;
    const policy = can(principal.roles, 'live.read')
      ? policyFor(principal.roles, principal.districts)
      : policyFor(['wall']);
    if (policy.personal)
      audit.append({
        actor: principal.name,
        action: 'personal.view',
        target: 'cot',
        details: { districts: policy.districts ?? 'all' },
      });
    const client: Client = { socket, principal, policy, sent: new Map(), own: new Set() };
    clients.add(client);
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    let buffer = '';
    /** How much of the buffer was already searched for the end of its event (no rescans per chunk). */
    let scanned = 0;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        buffer = buffer.replace(/^\s+/, '');
        if (buffer === '') return;
        if (buffer.charCodeAt(0) === 0xbf || buffer.startsWith('\ufffd')) {
          refuse(
            from,
            'TAK protocol version 1 (protobuf) is not supported: set the client to XML (protocol version 0)',
          );
          return void socket.destroy();
        }
        if (buffer[0] !== '<') {
          const next = buffer.indexOf('<');
          refuse(from, `not XML: "${buffer.slice(0, next < 0 ? 40 : Math.min(next, 40))}" dropped`);
          buffer = next < 0 ? '' : buffer.slice(next);
          scanned = 0;
          continue;
        }
        const end = eventEnd(buffer, scanned);
        if (end < 0) {
          scanned = buffer.length;
          if (buffer.length > XML_LIMITS.bytes) {
            refuse(from, `an event longer than ${XML_LIMITS.bytes} characters: connection closed`);
            return void socket.destroy();
          }
          return;
        }
        const xml = buffer.slice(0, end);
        buffer = buffer.slice(end);
        scanned = 0;
        onEvent(xml, principal, from, client);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => clients.delete(client));
    feed(client);
  };

  // The items of each view, rebuilt only when the picture (seq) or the incidents' refresh period changed.
  type Items = Map<string, { key: string; xml: () => string }>;
  const views = new Map<string, { version: string; items: Items }>();
  const feed = (client: Client) => {
    if (client.socket.destroyed || client.socket.writableLength > MAX_BUFFERED) return;
    const version = `${lage.seq}:${Math.floor(Date.now() / (INCIDENT_STALE_MS / 2))}`;
    if (client.version === version) return;
    const k = policyKey(client.policy);
    let view = views.get(k);
    if (view?.version !== version)
      views.set(k, (view = { version, items: pictureItems(lage, client.policy, options.staleAfterMs) }));
    const out: string[] = [];
    for (const [uid, item] of view.items) {
      if (client.sent.get(uid) === item.key) continue;
      if (uid.startsWith('lagebild.unit.') && client.own.has(uid.slice('lagebild.unit.'.length))) continue;
      client.sent.set(uid, item.key);
      out.push(item.xml());
    }
    client.version = version;
    if (out.length) client.socket.write(out.join('\n') + '\n');
  };
  const timer = setInterval(() => {
    auth.refreshUsers();
    for (const c of clients) {
      // A device or user removed from users.json (or given other roles) is cut off, as its sockets are.
      if (options.tls && !samePrincipal(c.principal, principalOf(auth, c.principal.name))) {
        c.socket.destroy();
        continue;
      }
      feed(c);
    }
    for (const k of views.keys()) if (![...clients].some((c) => policyKey(c.policy) === k)) views.delete(k);
  }, options.feedIntervalMs);
  timer.unref();

  let server: net.Server;
  if (options.tls) {
    const files = options.tls;
    server = tls.createServer(
      {
        cert: fs.readFileSync(files.cert),
        key: fs.readFileSync(files.key),
        ca: fs.readFileSync(files.ca),
        requestCert: true,
        rejectUnauthorized: true,
        handshakeTimeout: 15_000,
      },
      (socket) => {
        const cn = socket.getPeerCertificate().subject?.CN;
        const name = Array.isArray(cn) ? cn[0] : cn;
        auth.refreshUsers();
        const principal = name ? principalOf(auth, name) : undefined;
        if (!principal) {
          auth.refused(
            undefined,
            'cot connect',
            `certificate CN ${String(name)} is no device or user of users.json`,
            {
              ip: socket.remoteAddress,
            },
          );
          refuse(
            `${socket.remoteAddress ?? '?'}`,
            `certificate CN "${String(name).slice(0, 64)}" is no device or user (npm run users -- add-device <CN>)`,
          );
          return void socket.destroy();
        }
        onConnection(socket, principal);
      },
    );
    server.on('tlsClientError', (err, socket) => {
      refuse(socket.remoteAddress ?? '?', `TLS: ${err.message}`);
      socket.destroy();
    });
  } else {
    server = net.createServer((socket) =>
      onConnection(socket, {
        name: `cot-tcp:${socket.remoteAddress ?? '?'}`,
        roles: ['ingest'],
        kind: 'device',
      }),
    );
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  // UDP (plain mode only): one event per datagram, as TAK clients send SA over UDP.
  let udp: dgram.Socket | undefined;
  if (!options.tls) {
    const sock = dgram.createSocket(options.host.includes(':') ? 'udp6' : 'udp4');
    udp = sock;
    sock.on('message', (msg, rinfo) => {
      const from = `cot-udp:${rinfo.address}`;
      if (msg.length > XML_LIMITS.bytes)
        return refuse(from, `a datagram of ${msg.length} bytes (at most ${XML_LIMITS.bytes})`);
      if (msg[0] === 0xbf)
        return refuse(from, 'TAK protocol version 1 (protobuf) is not supported: set the client to XML');
      onEvent(msg.toString('utf8').trim(), { name: from, roles: ['ingest'], kind: 'device' }, from);
    });
    sock.on('error', (err) => refuse('udp', err.message));
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(port, options.host, () => resolve());
    });
  }

  return {
    port,
    udpPort: udp ? udp.address().port : undefined,
    stats,
    refusals,
    close: async () => {
      clearInterval(timer);
      for (const c of clients) c.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (udp) await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}

/**
 * Whom a client certificate's CN names: a device of users.json, else a user (a person's TAK device,
 * with that user's roles and districts).
 */
const principalOf = (auth: Auth, name: string): Principal | undefined =>
  auth.users.deviceByName(name) ?? auth.users.principal(name);

const samePrincipal = (a: Principal, b: Principal | undefined) =>
  !!b &&
  a.kind === b.kind &&
  a.roles.join() === b.roles.join() &&
  (a.districts ?? []).join() === (b.districts ?? []).join() &&
  a.unit === b.unit;

/** The end of the first event in the buffer (after `</event>` or a self-closed `<event …/>`), or -1. */
function eventEnd(buffer: string, scanned: number): number {
  const close = buffer.indexOf('</event>', Math.max(0, scanned - '</event>'.length));
  // A self-closed <event …/> is short: looked for only at the start, in bounded steps.
  const self =
    buffer.length <= SELF_CLOSED_MAX
      ? /^(<\?xml[^>]{0,200}\?>\s{0,100})?<event\b[^>]{0,2000}\/>/.exec(buffer)
      : null;
  if (self && (close < 0 || self[0].length < close)) return self[0].length;
  return close < 0 ? -1 : close + '</event>'.length;
}
const SELF_CLOSED_MAX = 4096;

/** Every CoT item of the picture as this viewer may see it: uid → (content key, XML when sent). */
function pictureItems(lage: Lage, policy: ViewPolicy, staleAfterMs: number) {
  const p = redactPicture(lage.picture, policy);
  const now = Date.now();
  const items = new Map<string, { key: string; xml: () => string }>();
  for (const u of Object.values(p.units)) {
    if (!u.position) continue;
    const number = u.incidentId ? own(p.incidents, u.incidentId)?.number : undefined;
    items.set(unitUid(u.id), {
      key: JSON.stringify([u, number]),
      xml: () => unitToCot(u, Date.now(), staleAfterMs, number)!,
    });
  }
  // Open incidents are sent again every half of their stale time, so they never go stale on a client.
  const period = Math.floor(now / (INCIDENT_STALE_MS / 2));
  for (const i of Object.values(p.incidents))
    items.set(incidentUid(i.id), {
      key: JSON.stringify([i, i.times.closed === undefined ? period : 0]),
      xml: () => incidentToCot(i, Date.now()),
    });
  return items;
}
