import { describe, expect, it } from 'vitest';
import { compileFormat, parseTime, type TimeRules } from './timeFormat.ts';
import { localDay, nextLocalMidnight, zonedToUtc } from '#shared/timeZone';

const utc: TimeRules = { zone: 'UTC', hour24: 'error' };
const berlin: TimeRules = { zone: 'Europe/Berlin', hour24: 'error' };
const parse = (value: string, formats: string[], rules = utc) =>
  parseTime(value, formats.map(compileFormat), rules);

describe('time formats', () => {
  it('reads 12-hour times with AM/PM and an offset (the Seattle format)', () => {
    const f = ['MM/DD/YYYY hh:mm:ss A Z'];
    expect(parse('11/09/2011 10:04:00 PM +0000', f)).toEqual({ time: Date.parse('2011-11-09T22:04:00Z') });
    expect(parse('11/09/2011 12:30:00 AM +0000', f)).toEqual({ time: Date.parse('2011-11-09T00:30:00Z') });
    expect(parse('11/09/2011 12:30:00 PM +0000', f)).toEqual({ time: Date.parse('2011-11-09T12:30:00Z') });
    expect(parse('11/09/2011 10:04:00 pm -05:30', f)).toEqual({ time: Date.parse('2011-11-10T03:34:00Z') });
  });

  it('reads local times in the mapping zone, summer and winter', () => {
    const f = ['YYYY-MM-DD HH:mm:ss'];
    expect(parse('2026-01-26 15:57:02', f, berlin)).toEqual({ time: Date.parse('2026-01-26T14:57:02Z') });
    expect(parse('2026-07-01 12:00:00', f, berlin)).toEqual({ time: Date.parse('2026-07-01T10:00:00Z') });
    const london = { zone: 'Europe/London', hour24: 'error' } as const;
    expect(parse('2026-07-01 12:00:00', f, london)).toEqual({ time: Date.parse('2026-07-01T11:00:00Z') });
  });

  it('rejects a wall time the clocks skipped and takes the earlier of a repeated one', () => {
    const f = ['YYYY-MM-DD HH:mm'];
    expect(parse('2026-03-29 02:30', f, berlin)).toEqual({
      error: 'does not exist in Europe/Berlin (the clocks were turned forward)',
    });
    expect(parse('2026-10-25 02:30', f, berlin)).toEqual({ time: Date.parse('2026-10-25T00:30:00Z') });
  });

  it('reads ISO 8601 with and without offset, fractions and epoch numbers', () => {
    expect(parse('2026-01-26T15:57:02.5+01:00', ['ISO'])).toEqual({
      time: Date.parse('2026-01-26T14:57:02.500Z'),
    });
    expect(parse('2026-01-26 15:57', ['ISO'], berlin)).toEqual({ time: Date.parse('2026-01-26T14:57:00Z') });
    expect(parse('1769443022', ['epoch-s'])).toEqual({ time: 1769443022000 });
    expect(parse('1769443022123', ['epoch-ms'])).toEqual({ time: 1769443022123 });
  });

  it('treats hour 24 as the mapping says', () => {
    const f = ['YYYY-MM-DDTHH:mm:ssZ'];
    const v = '2011-10-24T24:22:00+0000';
    expect(parse(v, f)).toMatchObject({ error: expect.stringContaining('has hour 24') });
    expect(parse(v, f, { zone: 'UTC', hour24: 'noon' })).toEqual({
      time: Date.parse('2011-10-24T12:22:00Z'),
    });
    expect(parse(v, f, { zone: 'UTC', hour24: 'next-day' })).toEqual({
      time: Date.parse('2011-10-25T00:22:00Z'),
    });
  });

  it('tries each format in turn and says why a value fails', () => {
    const f = ['MM/DD/YYYY hh:mm:ss A Z', 'YYYY-MM-DDTHH:mm:ssZ'];
    expect(parse('2011-10-24T10:22:00+0000', f)).toEqual({ time: Date.parse('2011-10-24T10:22:00Z') });
    expect(parse('yesterday', f)).toEqual({
      error: 'matches none of the formats "MM/DD/YYYY hh:mm:ss A Z", "YYYY-MM-DDTHH:mm:ssZ"',
    });
    expect(parse('02/30/2011 10:00:00 AM +0000', f)).toEqual({
      error: 'has day 30, but 2011-02 has 28 days',
    });
    expect(parse('13/01/2011 10:00:00 AM +0000', f)).toEqual({ error: 'has month 13' });
    expect(parse('1999-12-31T10:00:00Z', f)).toEqual({ error: 'is outside 2000-01-01 to 2100-01-01' });
  });

  it('explains a broken format', () => {
    expect(() => compileFormat('DD.MM.YYYY hh:mm')).toThrow('hh/h (1-12) and A (AM/PM) go together');
    expect(() => compileFormat('dd.mm.yyyy')).toThrow('tokens are case-sensitive');
    expect(() => compileFormat('YYYY-MM')).toThrow('the format needs DD or D (day)');
    expect(() => compileFormat('YYYY-MM-DD HH:mm:HH')).toThrow('HH is given twice');
    expect(() => compileFormat('[YYYY-MM-DD')).toThrow('has no closing "]"');
  });
});

describe('time zones', () => {
  it('finds local midnights, also on days of 23 and 25 hours', () => {
    const z = 'Europe/Berlin';
    const spring = Date.parse('2026-03-29T10:00:00Z');
    expect(localDay(spring, z)).toBe('2026-03-29');
    expect(nextLocalMidnight(spring, z)).toBe(Date.parse('2026-03-29T22:00:00Z'));
    expect(
      nextLocalMidnight(Date.parse('2026-03-28T12:00:00Z'), z) - Date.parse('2026-03-28T23:00:00Z'),
    ).toBe(0);
    expect(nextLocalMidnight(Date.parse('2026-10-25T10:00:00Z'), z)).toBe(Date.parse('2026-10-25T23:00:00Z'));
    expect(
      zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, ms: 0 }, z, 'shift'),
    ).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });
});

describe('ISO fast path (YYYY-MM-DDTHH:mm:ss[Z] read by char code)', () => {
  // Each value also goes through the regex path in a shape the fast path does not take (a space
  // before the Z, or a .000 fraction): both must give the same time or the same error.
  const values = [
    '2020-01-01T00:00:00Z',
    '2020-02-29 23:59:59Z',
    '2021-02-29T10:00:00Z',
    '2020-13-01T10:00:00Z',
    '2020-00-10T10:00:00Z',
    '2020-04-31T10:00:00',
    '2020-12-31T24:00:00',
    '2020-06-01T23:60:00',
    '2020-06-01T23:59:60',
    '2026-03-29T02:30:00',
    '2026-10-25T02:30:00',
    '1999-12-31T23:59:59Z',
    '2100-01-01T00:00:01Z',
  ];
  const slow = (v: string) => (v.endsWith('Z') ? `${v.slice(0, -1)} Z` : `${v}.000`);
  for (const hour24 of ['error', 'noon', 'next-day'] as const) {
    it(`gives what the regex gives (hour24 ${hour24})`, () => {
      const rules: TimeRules = { zone: 'Europe/Berlin', hour24 };
      for (const v of values) expect(parse(v, ['ISO'], rules), v).toEqual(parse(slow(v), ['ISO'], rules));
      expect(parse('2026-03-29T02:30:00', ['ISO'], rules)).toEqual({
        error: 'does not exist in Europe/Berlin (the clocks were turned forward)',
      });
    });
  }

  it('leaves anything else to the regex: non-digits, other separators, offsets', () => {
    expect(parse('2020-01-0xT00:00:00Z', ['ISO'])).toEqual({ error: 'does not match "ISO"' });
    expect(parse('2020/01/01T00:00:00Z', ['ISO'])).toEqual({ error: 'does not match "ISO"' });
    expect(parse('2020-01-01T00:00:00X', ['ISO'])).toEqual({ error: 'does not match "ISO"' });
    expect(parse('2020-01-01T01:00:00+01:00', ['ISO'])).toEqual({ time: Date.UTC(2020, 0, 1) });
    expect(parse('2020-01-01T00:00:00Z', ['ISO'])).toEqual({ time: Date.UTC(2020, 0, 1) });
    expect(parse('2020-07-01T12:00:00', ['ISO'], berlin)).toEqual({ time: Date.UTC(2020, 6, 1, 10) });
  });
});
