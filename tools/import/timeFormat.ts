/**
 * Time formats of mapping files: patterns such as "MM/DD/YYYY hh:mm:ss A Z" or "YYYY-MM-DD HH:mm:ss",
 * and the names ISO, epoch-ms and epoch-s. A time without an offset is wall-clock time in the
 * mapping's time zone.
 */
import { MAX_TIME, MIN_TIME } from '#shared/schemas';
import { zonedToUtc } from '#shared/timeZone';

/** What hour 24 means: an error, 12 noon (a known export bug), or midnight at the end of the day. */
export type Hour24 = 'error' | 'noon' | 'next-day';

export interface TimeRules {
  zone: string;
  hour24: Hour24;
}

export type TimeResult = { time: number } | { error: string };

type Field =
  'year' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'fraction' | 'ampm' | 'offset';

interface Compiled {
  source: string;
  parse(value: string, rules: TimeRules): TimeResult;
}

const TOKENS: [string, Field, string][] = [
  ['YYYY', 'year', '(\\d{4})'],
  ['MM', 'month', '(\\d{2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['DD', 'day', '(\\d{2})'],
  ['D', 'day', '(\\d{1,2})'],
  ['HH', 'hour', '(\\d{2})'],
  ['H', 'hour', '(\\d{1,2})'],
  ['hh', 'hour12', '(\\d{2})'],
  ['h', 'hour12', '(\\d{1,2})'],
  ['mm', 'minute', '(\\d{2})'],
  ['ss', 'second', '(\\d{2})'],
  ['SSS', 'fraction', '(\\d{1,9})'],
  ['A', 'ampm', '([AaPp]\\.?[Mm]\\.?)'],
  ['Z', 'offset', '(Z|[+-]\\d{2}(?::?\\d{2})?)'],
];
const OFFSET = '(Z|[+-]\\d{2}(?::?\\d{2})?)';
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_FIELDS: Field[] = ['year', 'month', 'day', 'hour', 'minute', 'second', 'fraction', 'offset'];

/** Compiles a format; throws an Error saying what is wrong with it. */
export function compileFormat(format: string): Compiled {
  if (format === 'ISO') return fromRegex(format, ISO, ISO_FIELDS);
  if (format === 'epoch-ms' || format === 'epoch-s') return epoch(format);
  const fields: Field[] = [];
  let re = '';
  for (let i = 0; i < format.length;) {
    const ch = format[i]!;
    if (ch === '[') {
      const close = format.indexOf(']', i);
      if (close < 0) throw new Error(`"[" at position ${i + 1} has no closing "]"`);
      re += escape(format.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    if (/\s/.test(ch)) {
      while (i < format.length && /\s/.test(format[i]!)) i++;
      re += '\\s+';
      continue;
    }
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      const [t, field, pattern] = token;
      if (fields.includes(field))
        throw new Error(`${t} is given twice (or with another token for the ${field})`);
      fields.push(field);
      re += field === 'offset' ? `\\s*${OFFSET}` : pattern;
      i += t.length;
      continue;
    }
    re += escape(ch);
    i++;
  }
  checkTokens(format, fields);
  return fromRegex(format, new RegExp(`^${re}$`), fields);
}

function checkTokens(format: string, fields: Field[]): void {
  if (/yyyy|dd|HH:MM/.test(format) && !fields.includes('year'))
    throw new Error('tokens are case-sensitive: YYYY year, MM month, DD day, HH hour, mm minute, ss second');
  const need: [Field, string][] = [
    ['year', 'YYYY (year)'],
    ['month', 'MM or M (month)'],
    ['day', 'DD or D (day)'],
  ];
  for (const [field, what] of need) if (!fields.includes(field)) throw new Error(`the format needs ${what}`);
  if (fields.includes('hour') && fields.includes('hour12'))
    throw new Error('use either HH (0-23) or hh with A');
  if (fields.includes('hour12') !== fields.includes('ampm'))
    throw new Error('hh/h (1-12) and A (AM/PM) go together; for 0-23 hours use HH');
  if (fields.includes('minute') && !fields.includes('hour') && !fields.includes('hour12'))
    throw new Error('mm (minutes) needs an hour token');
}

/** Where each field is among a match's groups (0: the format has none). */
type Groups = Record<Field, number>;

function fromRegex(source: string, re: RegExp, fields: Field[]): Compiled {
  const groups = Object.fromEntries(
    (
      ['year', 'month', 'day', 'hour', 'hour12', 'minute', 'second', 'fraction', 'ampm', 'offset'] as const
    ).map((f) => [f, fields.indexOf(f) + 1]),
  ) as Groups;
  return {
    source,
    parse(value, rules) {
      const m = re.exec(value);
      if (!m) return { error: `does not match "${source}"` };
      return assemble(m, groups, rules);
    },
  };
}

function epoch(format: 'epoch-ms' | 'epoch-s'): Compiled {
  return {
    source: format,
    parse(value) {
      if (!/^-?\d+(\.\d+)?$/.test(value)) return { error: `does not match "${format}"` };
      return inRange(Math.round(Number(value) * (format === 'epoch-s' ? 1000 : 1)));
    },
  };
}

/** Millions of cells: read straight from the match, without an object of fields per value. */
function assemble(m: RegExpExecArray, g: Groups, rules: TimeRules): TimeResult {
  const field = (f: Field): string | undefined => (g[f] === 0 ? undefined : m[g[f]]);
  const year = Number(field('year'));
  const month = Number(field('month'));
  let day = Number(field('day'));
  let hour = Number(field('hour') ?? field('hour12') ?? 0);
  const minute = Number(field('minute') ?? 0);
  const second = Number(field('second') ?? 0);
  const fraction = field('fraction');
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  if (month < 1 || month > 12) return { error: `has month ${month}` };
  const days = daysIn(year, month);
  if (day < 1 || day > days) return { error: `has day ${day}, but ${year}-${pad(month)} has ${days} days` };
  const ampm = field('ampm');
  const offset = field('offset');
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return { error: `has hour ${hour} with AM/PM (must be 1-12)` };
    const pm = /^p/i.test(ampm);
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour === 24) {
    if (rules.hour24 === 'error')
      return { error: 'has hour 24 (set time.hour24 to "noon" or "next-day" if the source writes that)' };
    if (rules.hour24 === 'noon') hour = 12;
    else {
      hour = 0;
      day += 1; // Date.UTC carries it into the next month or year
    }
  } else if (hour > 23) return { error: `has hour ${hour}` };
  if (minute > 59) return { error: `has minute ${minute}` };
  if (second > 59) return { error: `has second ${second}` };
  if (offset !== undefined) {
    return inRange(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs(offset));
  }
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  const utc = zonedToUtc(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour,
      minute,
      second,
      ms,
    },
    rules.zone,
  );
  if (utc === undefined) return { error: `does not exist in ${rules.zone} (the clocks were turned forward)` };
  return inRange(utc);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of the month (1-12) in the proleptic Gregorian calendar, as Date.UTC counts them. */
function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

function offsetMs(z: string): number {
  if (z === 'Z') return 0;
  const digits = z.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return (z[0] === '-' ? -1 : 1) * minutes * 60_000;
}

function inRange(time: number): TimeResult {
  if (!Number.isFinite(time)) return { error: 'is not a time' };
  if (time < MIN_TIME || time > MAX_TIME) return { error: 'is outside 2000-01-01 to 2100-01-01' };
  return { time };
}

/** Parses with the first format that matches; the error lists them all. */
export function parseTime(value: string, formats: readonly Compiled[], rules: TimeRules): TimeResult {
  let matched: TimeResult | undefined;
  for (const format of formats) {
    const r = format.parse(value, rules);
    if ('time' in r) return r;
    if (!r.error.startsWith('does not match')) matched ??= r;
  }
  if (matched) return matched;
  const list = formats.map((f) => `"${f.source}"`).join(', ');
  return { error: formats.length === 1 ? `does not match ${list}` : `matches none of the formats ${list}` };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const pad = (n: number): string => String(n).padStart(2, '0');
export type { Compiled as CompiledFormat };
