/**
 * Mapping files: which CSV columns hold what, how times are written, and what each row becomes.
 * Everything a row needs is checked here once, so a bad mapping fails before the first row is read.
 * docs/import.md describes every field.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { callTypeSchema, describeIssues, prioritySchema, unitKindSchema } from '#shared/schemas';
import { checkTimeZone } from '#shared/timeZone';
import { compileFormat } from './timeFormat.ts';
import { PROJECTIONS } from './location.ts';

export class MappingError extends Error {}

const required = {
  error: (i: { input: unknown }) => (i.input === undefined ? 'is required' : 'must be text'),
};
const column = z.string(required).trim().min(1, 'must name a column');
/** Text with {Column} placeholders; anything outside braces is kept as written. */
const template = z
  .string(required)
  .min(1, 'must not be empty')
  .refine((s) => /^([^{}]|\{[^{}]+\})*$/.test(s), 'placeholders are written {Column name}, without nesting');

const lookup = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    column: column.optional(),
    /** Source value (case-insensitive, * matches any text) → value; the first match wins. */
    map: z.record(z.string(), value).optional(),
    default: value.optional(),
  });

const timeSpec = z.strictObject({
  column,
  formats: z
    .array(z.string().min(1))
    .min(1, 'give at least one format')
    .superRefine((formats, ctx) => {
      formats.forEach((f, i) => {
        try {
          compileFormat(f);
        } catch (err) {
          ctx.addIssue({ code: 'custom', path: [i], message: `"${f}": ${(err as Error).message}` });
        }
      });
    }),
  timeZone: z
    .string()
    .default('UTC')
    .superRefine((zone, ctx) => {
      try {
        checkTimeZone(zone);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  hour24: z.enum(['error', 'noon', 'next-day']).default('error'),
});

const unitSpec = z.strictObject({
  id: template,
  callsign: template.optional(),
  /** One kind for every unit, or a lookup from a column (engines, ambulances … in one export). */
  kind: z.union([unitKindSchema, lookup(unitKindSchema)]).default('funkstreifenwagen'),
  district: template.default('Import'),
  /** Rows "dispatches": the unit's own status times (alarmed → 3, on scene → 4, free → 1). */
  dispatched: column.optional(),
  onScene: column.optional(),
  available: column.optional(),
});

const incidentSpec = z.strictObject({
  id: template.optional(),
  number: template.optional(),
  missingId: z.enum(['line', 'skip']).default('line'),
  duplicateIds: z.enum(['skip', 'suffix']).default('skip'),
  type: lookup(callTypeSchema).refine((t) => t.column !== undefined || t.default !== undefined, {
    message: 'give a column (with map and/or default) or a default',
  }),
  priority: lookup(prioritySchema).default({ default: 2 }),
  address: template.optional(),
  district: template.optional(),
  description: template.optional(),
  dispatched: column.optional(),
  onScene: column.optional(),
  closed: column.optional(),
  defaultDurationMinutes: z.number().positive().max(10_080).default(60),
});

/** WGS84 lat/lon columns, one column with a point, or projected x/y with their CRS. */
const locationSpec = z
  .strictObject({
    lat: column.optional(),
    lon: column.optional(),
    /** "(lat, lon)", "lat,lon" or WKT "POINT (lon lat)". */
    point: column.optional(),
    x: column.optional(),
    y: column.optional(),
    crs: z
      .string()
      .refine((c) => Object.hasOwn(PROJECTIONS, c), {
        message: `must be one of ${Object.keys(PROJECTIONS).join(', ')}`,
      })
      .optional(),
    /** 0,0 is a placeholder for "no location" in many exports. */
    rejectZero: z.boolean().default(true),
  })
  .superRefine((l, ctx) => {
    const shapes = [
      l.lat !== undefined || l.lon !== undefined,
      l.point !== undefined,
      l.x !== undefined || l.y !== undefined,
    ];
    if (shapes.filter(Boolean).length !== 1)
      ctx.addIssue({ code: 'custom', message: 'give either lat and lon, or point, or x, y and crs' });
    else if (shapes[0] && (l.lat === undefined || l.lon === undefined))
      ctx.addIssue({ code: 'custom', message: 'give both lat and lon' });
    else if (shapes[2] && (l.x === undefined || l.y === undefined || l.crs === undefined))
      ctx.addIssue({ code: 'custom', message: 'give x, y and crs' });
    if (l.crs !== undefined && !shapes[2])
      ctx.addIssue({ code: 'custom', path: ['crs'], message: 'is only for x and y' });
  });

const CSV_DEFAULTS = {
  delimiter: ',',
  quote: '"',
  trim: true,
  decimalComma: false,
  encoding: 'utf-8',
  header: true,
} as const;

function knownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

const positionSpec = z.strictObject({
  heading: column.optional(),
  speed: column.optional(),
  speedUnit: z.enum(['m/s', 'km/h', 'mph', 'kn']).default('m/s'),
  accuracy: column.optional(),
});

export const mappingSchema = z
  .strictObject({
    version: z.literal(1, { message: 'must be 1' }),
    description: z.string().optional(),
    attribution: z.string().optional(),
    rows: z.enum(['incidents', 'dispatches', 'positions'], {
      message: 'must be "incidents", "dispatches" or "positions"',
    }),
    csv: z
      .strictObject({
        delimiter: z.string().length(1, 'must be one character, e.g. "," ";" or "\\t"').default(','),
        quote: z.union([z.string().length(1), z.literal(false)]).default('"'),
        trim: z.boolean().default(true),
        decimalComma: z.boolean().default(false),
        encoding: z.string().default('utf-8').refine(knownEncoding, {
          message: 'unknown encoding; e.g. "utf-8", "windows-1252", "latin1", "utf-16le"',
        }),
        /** false: the first row is data; columns are named by number ("1", "{1}"). */
        header: z.boolean().default(true),
      })
      .default(CSV_DEFAULTS),
    time: timeSpec,
    location: locationSpec,
    incident: incidentSpec.optional(),
    unit: unitSpec.optional(),
    position: positionSpec.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.rows !== 'positions' && !m.incident)
      ctx.addIssue({ code: 'custom', path: ['incident'], message: `is required when rows is "${m.rows}"` });
    if ((m.rows === 'positions' || m.rows === 'dispatches') && !m.unit)
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `is required when rows is "${m.rows}"` });
    if (m.rows === 'positions' && m.incident)
      ctx.addIssue({ code: 'custom', path: ['incident'], message: 'is only for rows "incidents"' });
    if (m.rows !== 'positions' && m.position)
      ctx.addIssue({ code: 'custom', path: ['position'], message: 'is only for rows "positions"' });
    if (m.rows === 'dispatches' && m.incident)
      for (const key of ['dispatched', 'onScene'] as const)
        if (m.incident[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['incident', key],
            message: `with rows "dispatches" the status times are the unit's: use unit.${key}`,
          });
    if (m.rows !== 'dispatches' && m.unit)
      for (const key of ['dispatched', 'onScene', 'available'] as const)
        if (m.unit[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['unit', key],
            message: `is only for rows "dispatches" (use incident.${key === 'available' ? 'closed' : key})`,
          });
  });

export type Mapping = z.infer<typeof mappingSchema>;

/** Parses and checks a mapping; throws a MappingError with one line per problem. */
export function parseMapping(json: unknown, source = 'mapping'): Mapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error).map((l) => `  ${l}`);
    throw new MappingError(`${source} is not a valid mapping:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadMapping(file: string): Mapping {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new MappingError(`cannot read mapping ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MappingError(`mapping ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseMapping(json, `mapping ${file}`);
}

/** Every column the mapping names, with where it is named ("time.column"). */
export function referencedColumns(m: Mapping): Map<string, string> {
  const refs = new Map<string, string>();
  const add = (name: string | undefined, where: string) => {
    if (name !== undefined && !refs.has(name)) refs.set(name, where);
  };
  const addTemplate = (t: string | undefined, where: string) => {
    for (const match of t?.matchAll(/\{([^{}]+)\}/g) ?? []) add(match[1], where);
  };
  add(m.time.column, 'time.column');
  for (const key of ['lat', 'lon', 'point', 'x', 'y'] as const) add(m.location[key], `location.${key}`);
  const i = m.incident;
  if (i) {
    for (const key of ['id', 'number', 'address', 'district', 'description'] as const)
      addTemplate(i[key], `incident.${key}`);
    add(i.type.column, 'incident.type.column');
    add(i.priority.column, 'incident.priority.column');
    for (const key of ['dispatched', 'onScene', 'closed'] as const) add(i[key], `incident.${key}`);
  }
  if (m.unit) {
    for (const key of ['id', 'callsign', 'district'] as const) addTemplate(m.unit[key], `unit.${key}`);
    if (typeof m.unit.kind === 'object') add(m.unit.kind.column, 'unit.kind.column');
    for (const key of ['dispatched', 'onScene', 'available'] as const) add(m.unit[key], `unit.${key}`);
  }
  if (m.position)
    for (const key of ['heading', 'speed', 'accuracy'] as const) add(m.position[key], `position.${key}`);
  return refs;
}

/** Checks the header against the mapping; returns column name → index. */
export function columnIndex(m: Mapping, header: readonly string[], file: string): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  const missing = [...referencedColumns(m)].filter(([name]) => !index.has(name));
  if (missing.length) {
    const what = missing.map(([name, where]) => `"${name}" (${where})`).join(', ');
    throw new MappingError(
      `${file}: the header has no column ${what}; its columns are ${header.map((h) => `"${h}"`).join(', ')}` +
        headerHints(m, header),
    );
  }
  return index;
}

const SEPARATORS: [string, string][] = [
  [';', '`;`'],
  ['\t', 'tab'],
  [',', '`,`'],
  ['|', '`|`'],
];

/** What probably went wrong when the header does not have the mapped columns. */
function headerHints(m: Mapping, header: readonly string[]): string {
  const hints: string[] = [];
  if (!m.csv.header)
    hints.push(`with csv.header false, columns are named by number: "1" to "${header.length}"`);
  if (header.length === 1) {
    const sep = SEPARATORS.find(([c]) => c !== m.csv.delimiter && header[0]!.includes(c));
    if (sep) hints.push(`looks like ${sep[1]}-separated: set csv.delimiter`);
  }
  const looksLikeData = (cell: string) =>
    /^[+-]?\d+([.,]\d+)?$/.test(cell) ||
    /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/.test(cell) ||
    /^\(?\s*[+-]?\d+\.\d+\s*,\s*[+-]?\d+\.\d+\s*\)?$/.test(cell);
  if (m.csv.header && header.some(looksLikeData))
    hints.push('the first row looks like data, not a header: set csv.header: false');
  return hints.map((h) => `\n  hint: ${h}`).join('');
}
