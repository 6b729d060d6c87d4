/**
 * The audit log for admins (permission 'audit.read', declared in the routes below and checked
 * again by the handler):
 * - `GET /api/v1/audit?from=&to=&actor=&action=&limit=&cursor=[&order=desc]` — one page of entries;
 * - `GET /api/v1/audit/verify` — the hash chain checked as `npm run audit:verify` does;
 * - `GET /api/v1/audit/export?format=csv|jsonl[&from=&to=&actor=&action=]` — a download of all
 *   matching entries. Opening the log (its first page) and every export are audited themselves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Permission } from '#shared/roles';
import { verifyAudit, type AuditEntry, type AuditLog, type AuditQuery } from '../security/audit.ts';
import { requirePermission } from '../security/routes.ts';
import { HttpError, sendJson } from './respond.ts';
import { intParam, optionalTimeParam } from './params.ts';
import { LIVE_TIME_ZONE } from './datasets.ts';
import { READ, route, type MethodRefusal, type RouteContext } from './route.ts';

export const AUDIT_PERMISSION: Permission = 'audit.read';
export const AUDIT_FORMATS = ['csv', 'jsonl'] as const;

export interface AuditRouteDeps {
  audit: AuditLog;
  dataDir: string;
}

const onlyGet: MethodRefusal = (req, res) => {
  res.setHeader('allow', 'GET');
  throw new HttpError(405, `${req.method ?? ''} is not allowed here; use GET`);
};

const handle = ({ req, res, url, deps }: RouteContext) =>
  auditRoute(
    { audit: deps.audit, dataDir: deps.config.dataDir },
    req,
    res,
    url.pathname.slice('/api/v1'.length),
    url,
  );

export const AUDIT_ROUTES = [
  route({
    id: 'audit',
    path: '/api/v1/audit/*',
    methods: READ,
    access: AUDIT_PERMISSION,
    refuseMethod: onlyGet,
    summary: 'the hash chain checked (`/verify`), all matching entries as a file (`/export`)',
    handle,
  }),
  route({
    id: 'audit.list',
    path: '/api/v1/audit',
    methods: READ,
    access: AUDIT_PERMISSION,
    refuseMethod: onlyGet,
    summary: 'one page of audit entries',
    handle,
  }),
];

/** `path` is the path after /api/v1 (the method is checked by the route table). */
export function auditRoute(
  deps: AuditRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  url: URL,
): void {
  const who = requirePermission(req, AUDIT_PERMISSION).principal.name;
  if (path === '/audit') return sendJson(res, 200, page(deps.audit, who, url));
  if (path === '/audit/verify') return sendJson(res, 200, verifyAudit(deps.dataDir, deps.audit.keyFile));
  if (path === '/audit/export') return exportAudit(deps.audit, who, res, url);
  throw new HttpError(404, `no such audit route: /api/v1${path} (list, /verify, /export)`);
}

function filters(url: URL): Omit<AuditQuery, 'limit' | 'afterId' | 'beforeId'> {
  // The audit belongs to the live server: times without an offset are the control room's.
  const from = optionalTimeParam(url, 'from', LIVE_TIME_ZONE);
  const to = optionalTimeParam(url, 'to', LIVE_TIME_ZONE);
  if (from !== undefined && to !== undefined && to <= from) throw new HttpError(400, 'to must be after from');
  return {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...optionalText(url, 'actor'),
    ...optionalText(url, 'action'),
  };
}

function page(audit: AuditLog, who: string, url: URL) {
  const limit = intParam(url, 'limit', 100, 1, 1000);
  const order = url.searchParams.get('order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw new HttpError(400, 'order must be asc or desc');
  const cursor = url.searchParams.has('cursor') ? intParam(url, 'cursor', 0, 0) : undefined;
  const query = filters(url);
  if (cursor === undefined)
    audit.append({ actor: who, action: 'audit.view', target: 'audit log', details: { ...query, order } });
  const position = order === 'desc' ? { beforeId: cursor ?? Infinity } : { afterId: cursor ?? 0 };
  const entries = audit.list({ ...query, ...position, limit });
  const last = entries[entries.length - 1];
  return { entries, nextCursor: entries.length === limit && last ? last.id : null };
}

function exportAudit(audit: AuditLog, who: string, res: ServerResponse, url: URL): void {
  const format = url.searchParams.get('format') ?? 'csv';
  if (!(AUDIT_FORMATS as readonly string[]).includes(format))
    throw new HttpError(400, `format must be one of ${AUDIT_FORMATS.join(', ')}`);
  const query = filters(url);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  // The export is recorded before any byte leaves: it then also appears in what it exports.
  const entry = audit.append({
    actor: who,
    action: 'audit.export',
    target: 'audit log',
    details: { format, ...query },
  });
  res.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="lagebild-audit-${stamp}.${format}"`,
    'cache-control': 'no-store',
    'x-audit-entry': String(entry.id),
  });
  if (format === 'csv') res.write(`${CSV_HEADER}\n`);
  let chunk: string[] = [];
  for (const e of audit.iterate(query)) {
    chunk.push(format === 'csv' ? csvLine(e) : JSON.stringify(e));
    if (chunk.length >= 1000) {
      res.write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  res.end(chunk.length ? `${chunk.join('\n')}\n` : undefined);
}

const CSV_HEADER = 'id,time,actor,action,target,details,prev_hash,hash';

function csvLine(e: AuditEntry): string {
  return [
    String(e.id),
    new Date(e.time).toISOString(),
    e.actor,
    e.action,
    e.target,
    JSON.stringify(e.details),
    e.prevHash,
    e.hash,
  ]
    .map(csvCell)
    .join(',');
}

/**
 * Quoted when needed; a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) gets a leading apostrophe, so an actor or target name can never become a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function optionalText(url: URL, name: 'actor' | 'action'): Partial<Record<'actor' | 'action', string>> {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return {};
  if (raw.length > 128) throw new HttpError(400, `${name} must be at most 128 characters`);
  return { [name]: raw };
}
