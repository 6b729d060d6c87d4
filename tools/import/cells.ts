/**
 * Reading typed values out of one CSV row. Every failure throws a RowError whose message names the
 * column and the offending value, e.g. `Latitude "abc" is not a number`.
 */
import { compileFormat, parseTime, type CompiledFormat, type TimeRules } from './timeFormat.ts';
import type { Mapping } from './mapping.ts';
import { CALL_TYPES, type CallType, type Priority } from '#shared/domain';

export class RowError extends Error {}

export class Row {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly trim: boolean,
  ) {}

  /** The cell of a column named in the mapping (checked against the header up front). */
  get(column: string): string {
    const v = this.fields[this.index.get(column) ?? -1] ?? '';
    return this.trim ? v.trim() : v;
  }
}

export interface Rendered {
  text: string;
  /** True when a placeholder's column was empty. */
  missing: boolean;
}

/** Templates split once into literal, column, literal, … (an import renders millions of cells). */
const compiled = new Map<string, string[]>();
const WHITESPACE = /\s/;

/** Fills {Column} placeholders; whitespace left by empty ones is collapsed. */
export function render(template: string, row: Row): Rendered {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{([^{}]+)\}/);
    compiled.set(template, parts);
  }
  let missing = false;
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const v = row.get(parts[i]!);
    if (v === '') missing = true;
    text += v + parts[i + 1]!;
  }
  return { text: WHITESPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : detach(text), missing };
}

/**
 * A copy of a cell's text that does not keep the CSV reader's whole chunk alive: V8 makes a slice of
 * 13 or more characters a view into the string it was cut from, and ids and addresses are kept to
 * the end of an import (the collapse above copies already).
 */
const detach = (s: string): string => (s.length < 13 ? s : (s + ' ').slice(0, -1));

/** Optional text: undefined when empty. */
export function optionalText(template: string | undefined, row: Row): string | undefined {
  if (template === undefined) return undefined;
  const { text } = render(template, row);
  return text === '' ? undefined : text;
}

export class Numbers {
  constructor(private readonly decimalComma: boolean) {}

  optional(row: Row, column: string | undefined, min: number, max: number): number | undefined {
    if (column === undefined) return undefined;
    const raw = row.get(column);
    if (raw === '') return undefined;
    const text = this.decimalComma ? raw.replace(/\./g, '').replace(',', '.') : raw;
    const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(n)) {
      const hint =
        !this.decimalComma && /^[+-]?\d*,\d+$/.test(raw) ? ' (a decimal comma? set csv.decimalComma)' : '';
      throw new RowError(`${column} "${raw}" is not a number${hint}`);
    }
    if (n < min || n > max) throw new RowError(`${column} ${raw} is out of range (${min} to ${max})`);
    return n;
  }

  required(row: Row, column: string, min: number, max: number): number {
    const n = this.optional(row, column, min, max);
    if (n === undefined) throw new RowError(`${column} is empty`);
    return n;
  }
}

export class Times {
  private readonly formats: CompiledFormat[];
  private readonly rules: TimeRules;

  constructor(m: Mapping) {
    this.formats = m.time.formats.map(compileFormat);
    this.rules = { zone: m.time.timeZone, hour24: m.time.hour24 };
  }

  optional(row: Row, column: string | undefined): number | undefined {
    if (column === undefined) return undefined;
    const raw = row.get(column);
    if (raw === '') return undefined;
    const r = parseTime(raw, this.formats, this.rules);
    if ('error' in r) throw new RowError(`${column} "${raw}" ${r.error}`);
    return r.time;
  }

  required(row: Row, column: string): number {
    const t = this.optional(row, column);
    if (t === undefined) throw new RowError(`${column} is empty`);
    return t;
  }
}

/**
 * A value → target table (case-insensitive, * as wildcard, first match wins), then the value itself
 * when it already is a target (e.g. "einbruch"), then the default.
 */
export class Lookup<T> {
  private readonly rules: [RegExp, T][];
  /** Cell text → value: a column of call types or unit kinds holds a few hundred distinct texts. */
  private readonly memo = new Map<string, T>();

  constructor(
    private readonly spec: { column?: string | undefined; map?: Record<string, T> | undefined; default?: T },
    private readonly what: string,
    private readonly direct: (raw: string) => T | undefined,
  ) {
    this.rules = Object.entries(spec.map ?? {}).map(([pattern, value]) => [globToRegex(pattern), value]);
  }

  get(row: Row): T {
    const column = this.spec.column;
    const raw = column === undefined ? '' : row.get(column);
    if (raw !== '') {
      const known = this.memo.get(raw);
      if (known !== undefined) return known;
      const found = this.find(raw) ?? this.spec.default;
      if (found !== undefined) {
        if (this.memo.size < 10_000) this.memo.set(raw, found);
        return found;
      }
    }
    if (this.spec.default !== undefined) return this.spec.default;
    if (raw === '') throw new RowError(`${column ?? this.what} is empty and ${this.what} has no default`);
    throw new RowError(
      `${column} "${raw}" matches nothing in ${this.what}.map and ${this.what} has no default`,
    );
  }

  private find(raw: string): T | undefined {
    for (const [re, value] of this.rules) if (re.test(raw)) return value;
    return this.direct(raw);
  }
}

function globToRegex(pattern: string): RegExp {
  const body = pattern
    .trim()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

type LookupSpec<T> = ConstructorParameters<typeof Lookup<T>>[0];

/** incident.type of a mapping: the table, else a value that is already one of the call types. */
export const callTypeLookup = (spec: LookupSpec<CallType>): Lookup<CallType> =>
  new Lookup(spec, 'incident.type', (raw) =>
    (CALL_TYPES as readonly string[]).includes(raw.toLowerCase())
      ? (raw.toLowerCase() as CallType)
      : undefined,
  );

/** incident.priority of a mapping: the table, else 1, 2 or 3 as written. */
export const priorityLookup = (spec: LookupSpec<Priority>): Lookup<Priority> =>
  new Lookup(spec, 'incident.priority', (raw) =>
    raw === '1' || raw === '2' || raw === '3' ? (Number(raw) as Priority) : undefined,
  );
