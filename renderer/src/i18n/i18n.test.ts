import { describe, expect, it } from 'vitest';
import { CALL_TYPES, FMS_STATUSES, INCIDENT_STATES, PRIORITIES, UNIT_KINDS } from '#shared/domain';
import { de } from './de.ts';
import { en } from './en.ts';
import { formatDateTime, formatDuration, formatTime, translate } from './i18n.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n tables', () => {
  it('de and en have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const [key, text] of [...Object.entries(de), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('every translation keeps the placeholders of the German text', () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });

  it('covers every domain code the map and panels show', () => {
    const keys = new Set(Object.keys(de));
    const needed = [
      ...FMS_STATUSES.map((s) => `fms.${s}`),
      ...UNIT_KINDS.flatMap((k) => [`kind.${k}`, `kindShort.${k}`]),
      ...CALL_TYPES.flatMap((c) => [`callType.${c}`, `callTypeShort.${c}`]),
      ...INCIDENT_STATES.map((s) => `incidentState.${s}`),
      ...PRIORITIES.map((p) => `priority.${p}`),
    ];
    expect(needed.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('de', 'connection.asOf', { time: '12:00:00' })).toBe('Stand 12:00:00');
    expect(translate('en', 'connection.asOf', {})).toBe('As of {time}');
  });
});

describe('formatting in Europe/Berlin', () => {
  it('shows winter and summer times in German local time', () => {
    expect(formatTime('de', Date.UTC(2026, 0, 15, 12, 0, 5))).toBe('13:00:05');
    expect(formatTime('en', Date.UTC(2026, 6, 15, 12, 0, 5))).toBe('14:00:05');
    expect(formatDateTime('de', Date.UTC(2026, 10, 26, 23, 30, 0))).toBe('27.11.2026, 00:30:00');
  });

  it('formats durations coarsely and never negative', () => {
    expect(formatDuration('de', 12_900)).toBe('12 s');
    expect(formatDuration('de', 4 * 60_000 + 59_000)).toBe('4 min');
    expect(formatDuration('en', 3 * 3600_000)).toBe('3 h');
    expect(formatDuration('en', 2 * 86_400_000)).toBe('2 d');
    expect(formatDuration('de', -5000)).toBe('0 s');
  });
});
