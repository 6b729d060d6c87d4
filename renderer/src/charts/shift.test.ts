import { describe, expect, it } from 'vitest';
import { berlinOffsetMs, shiftStart, shiftStartIn } from './shift.ts';

const H = 3_600_000;

describe('Berlin offset', () => {
  it('is one hour in winter and two in summer', () => {
    expect(berlinOffsetMs(Date.UTC(2026, 0, 15, 12))).toBe(H);
    expect(berlinOffsetMs(Date.UTC(2026, 6, 15, 12))).toBe(2 * H);
  });
});

describe('shift start (06/14/22 Europe/Berlin)', () => {
  it('finds the last boundary of the same day', () => {
    // 10:40 Berlin (CET) → 06:00 Berlin = 05:00 UTC
    expect(shiftStart(Date.UTC(2026, 10, 26, 9, 40))).toBe(Date.UTC(2026, 10, 26, 5));
    // 23:30 Berlin → 22:00 Berlin = 21:00 UTC
    expect(shiftStart(Date.UTC(2026, 10, 26, 22, 30))).toBe(Date.UTC(2026, 10, 26, 21));
  });

  it('goes back to yesterday 22:00 before 06:00', () => {
    // 05:59 Berlin on 26 Nov → 25 Nov 22:00 Berlin = 21:00 UTC
    expect(shiftStart(Date.UTC(2026, 10, 26, 4, 59))).toBe(Date.UTC(2026, 10, 25, 21));
    // New Year: 01:00 Berlin on 1 Jan → 31 Dec 22:00 Berlin
    expect(shiftStart(Date.UTC(2027, 0, 1, 0))).toBe(Date.UTC(2026, 11, 31, 21));
  });

  it('starts exactly at a boundary in summer time', () => {
    // 14:00:00 Berlin (CEST) = 12:00 UTC
    expect(shiftStart(Date.UTC(2026, 6, 15, 12))).toBe(Date.UTC(2026, 6, 15, 12));
    expect(shiftStart(Date.UTC(2026, 6, 15, 12) - 1)).toBe(Date.UTC(2026, 6, 15, 4));
  });

  it('handles the night shifts that contain a daylight-saving change', () => {
    // 29 Mar 2026, clocks go 02:00 CET → 03:00 CEST. At 05:00 CEST (03:00 UTC) the shift began
    // at 22:00 CET the evening before (21:00 UTC): six hours of wall clock, six real hours.
    expect(shiftStart(Date.UTC(2026, 2, 29, 3))).toBe(Date.UTC(2026, 2, 28, 21));
    // 25 Oct 2026, clocks go 03:00 CEST → 02:00 CET. At 05:00 CET (04:00 UTC): 22:00 CEST = 20:00 UTC.
    expect(shiftStart(Date.UTC(2026, 9, 25, 4))).toBe(Date.UTC(2026, 9, 24, 20));
    // And the day shift after the change starts at 06:00 CET = 05:00 UTC.
    expect(shiftStart(Date.UTC(2026, 9, 25, 8))).toBe(Date.UTC(2026, 9, 25, 5));
  });

  it('takes other boundaries (two 12-hour shifts)', () => {
    expect(shiftStart(Date.UTC(2026, 10, 26, 9, 40), [7, 19])).toBe(Date.UTC(2026, 10, 26, 6));
  });
});

describe("shift start in a dataset's own zone (America/Los_Angeles: PST UTC-8, PDT UTC-7)", () => {
  it('counts 06/14/22 in Seattle time, across the change to summer time on 13 March 2011', () => {
    // 12 March 2011, 14:04 PST (22:04 UTC) → day shift 14:00 PST = 22:00 UTC.
    expect(shiftStartIn(Date.UTC(2011, 2, 12, 22, 4), 'America/Los_Angeles')).toBe(Date.UTC(2011, 2, 12, 22));
    // 14 March 2011, 03:00 PDT (10:00 UTC) → night shift began 13 March 22:00 PDT = 14 March 05:00 UTC.
    expect(shiftStartIn(Date.UTC(2011, 2, 14, 10), 'America/Los_Angeles')).toBe(Date.UTC(2011, 2, 14, 5));
    // Berlin is the control room's own rule.
    expect(shiftStartIn(Date.UTC(2026, 10, 26, 9, 40), 'Europe/Berlin')).toBe(
      shiftStart(Date.UTC(2026, 10, 26, 9, 40)),
    );
  });
});
