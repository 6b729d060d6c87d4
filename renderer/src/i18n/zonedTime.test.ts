/**
 * Wall-clock time in a dataset's zone and the UI's date-time fields. The US West Coast rules are
 * those of the IANA database as published in peer projects: America/Los_Angeles is PST = UTC-8
 * (-28800 s) and PDT = UTC-7 (imdrasil/time_zone, src/time_zone/data/definitions/America/Los_Angeles.cr),
 * and in 2023 summer time began 12 March at 02:00 (01:59:59 is followed by 03:00:00) and ended
 * 5 November at 02:00 (01:59:59 PDT is followed by 01:00:00 PST) (blck-snwmn/playground-go,
 * gotime/main.go). The instants below are written out in UTC from those rules by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  epochOfWallClock,
  formatDateTimeField,
  parseDateTimeField,
  wallClockIn,
  zoneLabel,
} from './zonedTime.ts';

const LA = 'America/Los_Angeles';
const utc = (iso: string) => Date.parse(iso);

describe('wall clock in America/Los_Angeles', () => {
  it('jumps from 01:59:59 PST to 03:00:00 PDT on 12 March 2023', () => {
    expect(wallClockIn(LA, utc('2023-03-12T09:59:59Z'))).toMatchObject({
      day: 12,
      hour: 1,
      minute: 59,
      second: 59,
    });
    expect(wallClockIn(LA, utc('2023-03-12T10:00:00Z'))).toMatchObject({ day: 12, hour: 3, minute: 0 });
  });

  it('repeats 01:00-02:00 on 5 November 2023', () => {
    expect(wallClockIn(LA, utc('2023-11-05T08:59:59Z'))).toMatchObject({ hour: 1, minute: 59 });
    expect(wallClockIn(LA, utc('2023-11-05T09:00:00Z'))).toMatchObject({ hour: 1, minute: 0 });
  });

  it('reads wall-clock times back to instants, summer and winter', () => {
    expect(epochOfWallClock(LA, { year: 2023, month: 7, day: 1, hour: 12, minute: 0 })).toBe(
      utc('2023-07-01T19:00:00Z'),
    );
    expect(epochOfWallClock(LA, { year: 2023, month: 1, day: 15, hour: 12, minute: 0 })).toBe(
      utc('2023-01-15T20:00:00Z'),
    );
    // The skipped 02:30 is read with the offset before the change (PST); the repeated 01:30 is the first.
    expect(epochOfWallClock(LA, { year: 2023, month: 3, day: 12, hour: 2, minute: 30 })).toBe(
      utc('2023-03-12T10:30:00Z'),
    );
    expect(epochOfWallClock(LA, { year: 2023, month: 11, day: 5, hour: 1, minute: 30 })).toBe(
      utc('2023-11-05T08:30:00Z'),
    );
  });

  it('names the zone with its offset at the instant', () => {
    expect(zoneLabel('de', LA, utc('2023-01-15T20:00:00Z'))).toBe('America/Los_Angeles (GMT-8)');
    expect(zoneLabel('en', LA, utc('2023-07-01T19:00:00Z'))).toBe('America/Los_Angeles (GMT-7)');
    expect(zoneLabel('de', 'Europe/Berlin', utc('2023-07-01T19:00:00Z'))).toBe('Europe/Berlin (MESZ)');
  });
});

describe('date-time fields follow the UI language, never the US order', () => {
  const t = utc('2023-07-04T21:30:00Z'); // 14:30 PDT on 4 July

  it('writes day first: 04.07.2023 in German, 04/07/2023 in English', () => {
    expect(formatDateTimeField('de', LA, t)).toBe('04.07.2023 14:30');
    expect(formatDateTimeField('en', LA, t)).toBe('04/07/2023 14:30');
    expect(formatDateTimeField('de', 'Europe/Berlin', t)).toBe('04.07.2023 23:30');
  });

  it('reads what it writes in the zone shown, and refuses what is not a date', () => {
    expect(parseDateTimeField('04.07.2023 14:30', LA)).toBe(t);
    expect(parseDateTimeField('04/07/2023 14:30', LA)).toBe(t);
    expect(parseDateTimeField('4.7.2023 14:30', LA)).toBe(t);
    expect(parseDateTimeField('04.07.2023 23:30', 'Europe/Berlin')).toBe(t);
    for (const bad of ['31.02.2024 10:00', '2023-07-04T14:30', '07/04/2023 2:30 PM', '04.13.2023 10:00', ''])
      expect(parseDateTimeField(bad, LA), bad).toBeNull();
  });
});
