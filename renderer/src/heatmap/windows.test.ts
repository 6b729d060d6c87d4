import { describe, expect, it } from 'vitest';
import {
  baseWindow,
  COMPARE_PRESETS,
  formatBerlinLocal,
  lastNightShift,
  parseBerlinLocal,
  resolveWindow,
  wallClockDaysBefore,
  weekBefore,
} from './windows.ts';
import { queryFor } from './query.ts';

const H = 3_600_000;
// 2026-11-26 15:30 UTC = 16:30 Berlin (winter, UTC+1).
const now = Date.UTC(2026, 10, 26, 15, 30);

describe('heatmap windows', () => {
  it('rolling presets end now', () => {
    expect(resolveWindow('hour', now)).toEqual({ from: now - H, to: now });
    expect(resolveWindow('day', now)).toEqual({ from: now - 24 * H, to: now });
    expect(resolveWindow('week', now)).toEqual({ from: now - 168 * H, to: now });
  });

  it('the current shift starts at the last Berlin boundary (14:00 local = 13:00 UTC)', () => {
    expect(resolveWindow('shift', now)).toEqual({ from: Date.UTC(2026, 10, 26, 13), to: now });
  });

  it('last night is 22:00-06:00 Berlin, or the running night until now', () => {
    expect(lastNightShift(now)).toEqual({ from: Date.UTC(2026, 10, 25, 21), to: Date.UTC(2026, 10, 26, 5) });
    const at2 = Date.UTC(2026, 10, 26, 1); // 02:00 Berlin
    expect(lastNightShift(at2)).toEqual({ from: Date.UTC(2026, 10, 25, 21), to: at2 });
    const at23 = Date.UTC(2026, 10, 26, 22); // 23:00 Berlin
    expect(lastNightShift(at23)).toEqual({ from: Date.UTC(2026, 10, 26, 21), to: at23 });
  });

  it('the night of the autumn DST change lasts 9 hours', () => {
    // 2026-10-25: clocks go back 03:00 → 02:00. 24 Oct 22:00 CEST = 20:00 UTC; 25 Oct 06:00 CET = 05:00 UTC.
    const w = lastNightShift(Date.UTC(2026, 9, 25, 12));
    expect(w).toEqual({ from: Date.UTC(2026, 9, 24, 20), to: Date.UTC(2026, 9, 25, 5) });
    expect((w.to - w.from) / H).toBe(9);
  });

  it('compares with the same wall-clock hours a week earlier, across DST', () => {
    // The night of 31 Oct (CET) against 24 Oct (CEST): both 22:00-06:00 local.
    const night = lastNightShift(Date.UTC(2026, 10, 1, 12));
    expect(night).toEqual({ from: Date.UTC(2026, 9, 31, 21), to: Date.UTC(2026, 10, 1, 5) });
    expect(weekBefore(night)).toEqual({ from: Date.UTC(2026, 9, 24, 20), to: Date.UTC(2026, 9, 25, 5) });
    expect(wallClockDaysBefore(now + 1234, 7)).toBe(now + 1234 - 7 * 24 * H);
  });

  it('a custom window must end after it starts', () => {
    expect(resolveWindow('custom', now, { from: 1, to: 2 })).toEqual({ from: 1, to: 2 });
    expect(() => resolveWindow('custom', now, { from: 2, to: 2 })).toThrow(/after/);
    expect(() => resolveWindow('custom', now)).toThrow(/after/);
  });
});

describe('custom window inputs in Berlin time', () => {
  it('reads and writes datetime-local values as Berlin wall clock', () => {
    expect(parseBerlinLocal('2026-07-15T14:30')).toBe(Date.UTC(2026, 6, 15, 12, 30));
    expect(parseBerlinLocal('2026-01-15T14:30')).toBe(Date.UTC(2026, 0, 15, 13, 30));
    expect(parseBerlinLocal('15.01.2026 14:30')).toBeNull();
    expect(formatBerlinLocal(Date.UTC(2026, 0, 15, 13, 30))).toBe('2026-01-15T14:30');
  });
});

describe('comparison periods', () => {
  const night = lastNightShift(now); // 25.11. 22:00 - 26.11. 06:00 Berlin
  it('compares with the same hours a week or a day earlier, or the period right before', () => {
    expect(baseWindow(night, 'week')).toEqual({
      from: Date.UTC(2026, 10, 18, 21),
      to: Date.UTC(2026, 10, 19, 5),
    });
    expect(baseWindow(night, 'day')).toEqual({
      from: Date.UTC(2026, 10, 24, 21),
      to: Date.UTC(2026, 10, 25, 5),
    });
    expect(baseWindow({ from: now - 24 * H, to: now }, 'previous')).toEqual({
      from: now - 48 * H,
      to: now - 24 * H,
    });
  });

  it('keeps the wall-clock hours across the change to winter time (25.10.2026)', () => {
    // Night 29./30.10. (UTC+1) against 22./23.10. (UTC+2): 22:00 Berlin is 20:00 UTC a week earlier.
    const w = { from: Date.UTC(2026, 9, 29, 21), to: Date.UTC(2026, 9, 30, 5) };
    expect(baseWindow(w, 'week')).toEqual({ from: Date.UTC(2026, 9, 22, 20), to: Date.UTC(2026, 9, 23, 4) });
  });

  it('"this night shift vs the same shift last week" is the last night against a week earlier', () => {
    const p = COMPARE_PRESETS.nightVsLastWeek;
    const w = resolveWindow(p.preset, now);
    expect(w).toEqual(night);
    expect(baseWindow(w, p.base)).toEqual(weekBefore(night));
  });
});

describe('heatmap windows in a dataset zone (issue 16: a Seattle dataset counts Seattle shifts)', () => {
  const LA = 'America/Los_Angeles';
  // 2026-11-26 15:30 UTC = 07:30 in Seattle (PST, UTC-8); worked out by hand, not with the code under test.
  it('the current shift and last night are counted in the zone', () => {
    expect(resolveWindow('shift', now, undefined, LA)).toEqual({ from: Date.UTC(2026, 10, 26, 14), to: now });
    // 25 Nov 22:00 PST = 26 Nov 06:00 UTC until 26 Nov 06:00 PST = 14:00 UTC.
    expect(resolveWindow('lastNight', now, undefined, LA)).toEqual({
      from: Date.UTC(2026, 10, 26, 6),
      to: Date.UTC(2026, 10, 26, 14),
    });
  });

  it('"a week earlier" keeps the zone wall clock across its own DST change, not Berlin’s', () => {
    // 4 Nov 04:00 PST (12:00 UTC) a week earlier is 28 Oct 04:00 PDT = 11:00 UTC (US change on 1 Nov);
    // in Berlin time (changed 25 Oct) it would be 12:00 UTC.
    const t = Date.UTC(2026, 10, 4, 12);
    expect(wallClockDaysBefore(t, 7, LA)).toBe(Date.UTC(2026, 9, 28, 11));
    expect(wallClockDaysBefore(t, 7)).toBe(Date.UTC(2026, 9, 28, 12));
    expect(baseWindow({ from: t - H, to: t }, 'week', LA)).toEqual({
      from: Date.UTC(2026, 9, 28, 10),
      to: Date.UTC(2026, 9, 28, 11),
    });
  });

  it('the query of a compare choice uses the zone for window and base', () => {
    const choice = {
      enabled: true,
      mode: 'compare' as const,
      preset: 'shift' as const,
      custom: null,
      types: [],
      res: 8,
      compareBase: 'week' as const,
    };
    const q = queryFor(choice, now, LA);
    expect(q.window).toEqual({ from: Date.UTC(2026, 10, 26, 14), to: now });
    expect(q.base).toEqual({ from: Date.UTC(2026, 10, 19, 14), to: now - 7 * 24 * H });
    expect(queryFor(choice, now).window.from).toBe(Date.UTC(2026, 10, 26, 13));
  });
});
