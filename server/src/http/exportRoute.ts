/**
 * GET /api/v1/replay/export?format=geojson|csv&dataset=&from=&to=[&reason=]: a period as a file,
 * streamed with backpressure (a page of events at a time, never the whole file in memory). Checked
 * before anything is sent (format, times, period, size); recorded in the audit log (who, which
 * period, why) before the first byte; no audit entry, no export.
 */
import { own } from '#shared/idMap';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditLog } from '../security/audit.ts';
import { eventsInPeriod, exportChunks, type ExportFormat, type ExportMeta } from '../replay/export.ts';
import { csvFormat } from '../replay/exportCsv.ts';
import { geojsonFormat } from '../replay/exportGeojson.ts';
import { HttpError } from './respond.ts';
import { checkTimeZone } from '#shared/timeZone';
import { timeWindow, WINDOW_MAX_DAYS } from './params.ts';
import type { ReplayCaller } from './replayAccess.ts';
import type { NamedSource } from './datasets.ts';
import { READ, route } from './route.ts';

export const EXPORT_MAX_DAYS = WINDOW_MAX_DAYS.export;
export const EXPORT_MAX_EVENTS = 5_000_000;
const MAX_REASON = 500;

const FORMATS: Record<string, { type: string; ext: string; make: () => ExportFormat }> = {
  geojson: { type: 'application/geo+json', ext: 'geojson', make: geojsonFormat },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv', make: csvFormat },
};

export const EXPORT_ROUTES = [
  route({
    id: 'replay.export',
    path: '/api/v1/replay/export',
    methods: READ,
    access: 'export',
    summary: 'a period of the live log or a dataset as a GeoJSON or CSV file (audited)',
    handle: async ({ req, res, url, deps: { datasets } }) => {
      const caller = datasets.caller(req, 'export');
      const source = datasets.source(url.searchParams.get('dataset') ?? 'live');
      await sendExport({ source, caller, url, req, res, audit: () => datasets.audit() });
    },
  }),
];

export interface ExportRequest {
  source: NamedSource;
  caller: ReplayCaller;
  url: URL;
  req: IncomingMessage;
  res: ServerResponse;
  audit: () => AuditLog;
}

export async function sendExport({ source, caller, url, req, res, audit }: ExportRequest): Promise<void> {
  const formatName = url.searchParams.get('format') ?? '';
  const format = own(FORMATS, formatName);
  if (!format)
    throw new HttpError(400, `format must be geojson or csv${formatName ? `, not "${formatName}"` : ''}`);
  const reason = (url.searchParams.get('reason') ?? '').trim();
  // Local times in the dataset's zone, or the one the dashboard shows (its workstation switch):
  // the period asked for without an offset is read in the same zone as the times written.
  const timeZone = url.searchParams.get('timeZone') ?? source.timeZone;
  try {
    checkTimeZone(timeZone);
  } catch (err) {
    throw new HttpError(400, `timeZone: ${(err as Error).message}`);
  }
  const { from, to } = timeWindow(url, 'export', timeZone);
  if (reason.length > MAX_REASON) throw new HttpError(400, `reason must be at most ${MAX_REASON} characters`);
  const events = eventsInPeriod(source, from, to);
  if (events > EXPORT_MAX_EVENTS)
    throw new HttpError(
      400,
      `the period holds ${events.toLocaleString('en')} events; at most ${EXPORT_MAX_EVENTS.toLocaleString('en')} per export — choose a shorter period`,
    );
  // Personal data leaves the server only for a caller who may see it and says why.
  const personal = caller.policy.personal && reason !== '';
  const policy = { ...caller.policy, personal };
  const meta: ExportMeta = {
    dataset: source.name,
    from,
    to,
    clock: source.clock,
    personal,
    exported: Date.now(),
    timeZone,
  };
  const filename = `lagebild-${source.name}-${stamp(from)}-${stamp(to)}.${format.ext}`;
  if (req.method === 'HEAD') {
    res.writeHead(200, headers(format.type, filename));
    return void res.end();
  }
  try {
    audit().append({
      actor: caller.actor,
      action: 'replay.export',
      target: source.name,
      details: {
        format: formatName,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        events,
        personalData: personal,
        ...(reason ? { reason } : {}),
      },
    });
  } catch (err) {
    console.error('lagebild: export not recorded in the audit log', err);
    throw new HttpError(503, 'the export could not be recorded in the audit log; nothing was exported');
  }
  res.writeHead(200, headers(format.type, filename));
  const gone = once(res, 'close').then(
    () => 'closed' as const,
    () => 'closed' as const,
  );
  for await (const chunk of exportChunks(source, meta, policy, format.make())) {
    if (res.destroyed) return;
    if (!res.write(chunk)) {
      // Wait for the client to take what it has (or to go away).
      if ((await Promise.race([once(res, 'drain').then(() => 'drain' as const), gone])) === 'closed') return;
    }
  }
  res.end();
}

function headers(type: string, filename: string): Record<string, string> {
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}

/** 2026-11-26T10:00:00.000Z → 20261126T100000Z (file-name safe). */
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
