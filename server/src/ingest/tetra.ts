/**
 * TETRA gateway input (`POST /api/v1/ingest/tetra`, `/ingest` event `tetra`): items
 * `{"issi", "time"?, "lip" | "status"}` from a BOS digital radio gateway. The sender's ISSI is mapped
 * to a unit and an SDS status value to an FMS status by the `tetra` tables of the settings file;
 * LIP payloads are decoded by lip.ts. Each item becomes a position or status ingest item and is
 * validated by toEvents exactly like the JSON API; all or nothing, committed in one transaction.
 */
import { z } from 'zod';
import { describeIssues, ID_PATTERN, timeInSchema, type NewEvent } from '#shared/schemas';
import type { IngestAck, ItemError } from '#shared/wire';
import type { Lage } from '../lage.ts';
import { decodeLip } from './lip.ts';
import { SettingsSection, sectionReader } from './settingsSection.ts';
import { toEvents } from './toEvents.ts';
import { failure } from './groupCommit.ts';

/** ISSIs are 24-bit; 0 and 0xFFFFFF are not individual subscribers. */
const ISSI_HELP = 'issi must be a number 1-16777214 (24-bit individual subscriber identity)';
const issiSchema = z.unknown().transform((v, ctx): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,8}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 0xfffffe) {
    ctx.addIssue({ code: 'custom', message: ISSI_HELP });
    return z.NEVER;
  }
  return n;
});

export const tetraItemSchema = z
  .strictObject({
    issi: issiSchema,
    time: timeInSchema.optional(),
    lip: z.string().max(300).optional(),
    status: z
      .number({ message: 'status must be an SDS status value 0-65535' })
      .int('status must be an SDS status value 0-65535')
      .min(0, 'status must be an SDS status value 0-65535')
      .max(65535, 'status must be an SDS status value 0-65535')
      .optional(),
  })
  .refine((i) => (i.lip === undefined) !== (i.status === undefined), 'give either lip or status');

/** The `tetra` section of the settings file. */
export const tetraTablesSchema = z.strictObject({
  /** ISSI (decimal) → unit id. */
  issi: z.record(
    z.string().regex(/^\d{1,8}$/, 'ISSI keys are decimal numbers'),
    z.string().regex(ID_PATTERN),
  ),
  /** SDS status value (decimal) → FMS status 0-9. */
  status: z
    .record(
      z.string().regex(/^\d{1,5}$/, 'status keys are decimal SDS status values'),
      z.number().int().min(0).max(9),
    )
    .default({}),
});
export type TetraTables = z.infer<typeof tetraTablesSchema>;

/** Reads the tables from the settings file when it changed (one stat per call otherwise). */
export class TetraSettings extends SettingsSection<TetraTables> {
  constructor(file: string) {
    super(
      file,
      'tetra',
      tetraTablesSchema,
      `no TETRA tables: add a "tetra" section with "issi" and "status" to ${file} (docs/interop.md)`,
    );
  }
}

const bySettingsFile = new Map<string, TetraSettings>();
/** The tables of this server's settings file (`--basemap-config` or `<data-dir>/settings.json`). */
export const tetraSettingsFor = (config: { basemapConfig: string | undefined; dataDir: string }) =>
  sectionReader(bySettingsFile, config, (file) => new TetraSettings(file));

/** A device bound to a unit speaks for that unit only, never for a radio gateway. */
export const boundRefusal = (by: string, unit: string) =>
  `not allowed: the device ${by} is bound to unit ${unit} and may only send positions and status`;

/**
 * The UTC time of a LIP "time of position" (day of month, h, m, s): the latest such moment at or
 * before the time of receipt (plus the clock skew the JSON API allows).
 */
export function resolveTimeOfPosition(
  t: { day: number; hour: number; minute: number; second: number },
  received: number,
): number | undefined {
  if (t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 || t.second > 59) return undefined;
  const r = new Date(received);
  for (let back = 0; back < 3; back++) {
    const ms = Date.UTC(r.getUTCFullYear(), r.getUTCMonth() - back, t.day, t.hour, t.minute, t.second);
    // A day that month does not have (31 in April) rolls over; skip it.
    if (new Date(ms).getUTCDate() !== t.day) continue;
    if (ms <= received + 5 * 60_000) return ms;
  }
  return undefined;
}

/** Validates and commits one TETRA request; the answer is sent only after the commit. */
export function ingestTetra(
  lage: Lage,
  body: unknown,
  by: string,
  maxItems: number,
  settings: TetraSettings,
): IngestAck | Promise<IngestAck> {
  if (!Array.isArray(body)) return { ok: false, status: 400, error: 'body must be a JSON array of items' };
  if (body.length > maxItems)
    return {
      ok: false,
      status: 413,
      error: `too many items: ${body.length} (at most ${maxItems} per request)`,
    };
  const t = settings.tables();
  if (!t.ok) return { ok: false, status: 503, error: t.error };
  const now = Date.now();
  const events: NewEvent[] = [];
  const items: ItemError[] = [];
  body.forEach((raw, index) => {
    const errors = toItem(raw, t.tables, now, by, lage, events);
    if (errors.length) items.push({ index, errors });
  });
  if (items.length)
    return {
      ok: false,
      status: 400,
      error: `${items.length} of ${body.length} items invalid; nothing stored`,
      items,
    };
  if (lage.shared)
    return lage.shared
      .run<IngestAck>(() => ({ events, answer: (seq) => ({ ok: true, accepted: events.length, seq }) }), now)
      .catch(failure);
  try {
    lage.commit(events, now);
  } catch (err) {
    return failure(err);
  }
  return { ok: true, accepted: events.length, seq: lage.seq };
}

function toItem(
  raw: unknown,
  tables: TetraTables,
  now: number,
  by: string,
  lage: Lage,
  out: NewEvent[],
): string[] {
  const parsed = tetraItemSchema.safeParse(raw);
  if (!parsed.success) return describeIssues(parsed.error);
  const item = parsed.data;
  const unitId = tables.issi[String(item.issi)];
  if (unitId === undefined) return [`issi: ${item.issi} is not in the ISSI table (settings: tetra.issi)`];
  const time = item.time ?? now;
  let converted: Record<string, unknown>;
  if (item.status !== undefined) {
    const fms = tables.status[String(item.status)];
    if (fms === undefined)
      return [
        `status: SDS status ${item.status} (0x${item.status.toString(16).toUpperCase()}) is not in the status table (settings: tetra.status)`,
      ];
    converted = { unitId, status: fms, time };
  } else {
    const lip = decodeLip(item.lip!);
    if (!lip.ok) return [lip.error];
    const { kind: _k, timeOfPosition, ...fix } = lip.fix;
    const at = timeOfPosition ? resolveTimeOfPosition(timeOfPosition, time) : time;
    if (at === undefined) return ['lip: time of position is not a valid day and time'];
    converted = { unitId, ...fix, time: at };
  }
  // The same validation as the JSON API (known unit, ranges, future times).
  const r = toEvents(item.status !== undefined ? 'status' : 'positions', [converted], {
    picture: lage.picture,
    now,
    by,
    maxItems: 1,
  });
  if (!r.ok) return r.items?.flatMap((i) => i.errors) ?? [r.error];
  out.push(...r.events);
  return [];
}
