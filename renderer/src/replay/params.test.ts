import { describe, expect, it } from 'vitest';
import { incidentPeriod, isReplayMode, parseReplayParams, parseTime, replaySearch } from './params.ts';

describe('replay route parameters', () => {
  it('reads dataset, times in three forms, speed and incident', () => {
    const r = parseReplayParams(
      '?mode=replay&dataset=seattle&from=2026-11-26T10:00&to=2026-11-26T10:30:00Z&t=1795690000000&speed=600&incident=E-1-x-3',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        dataset: 'seattle',
        // Berlin local time (CET, +01:00 in November)
        from: Date.UTC(2026, 10, 26, 9, 0),
        to: Date.UTC(2026, 10, 26, 10, 30),
        t: 1795690000000,
        speed: 600,
        incident: 'E-1-x-3',
      },
    });
  });

  it('defaults to the live log at 60x', () => {
    expect(parseReplayParams('?mode=replay')).toEqual({ ok: true, value: { dataset: 'live', speed: 60 } });
    expect(isReplayMode('?mode=replay&x=1')).toBe(true);
    expect(isReplayMode('?mode=wall')).toBe(false);
  });

  it('names every bad parameter instead of throwing', () => {
    const r = parseReplayParams('?mode=replay&dataset=../etc&from=yesterday&speed=7&incident=a%20b');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.key)).toEqual([
      'replay.bad.dataset',
      'replay.bad.time',
      'replay.bad.speed',
      'replay.bad.incident',
    ]);
  });

  it('refuses a period whose end is not after its start', () => {
    const r = parseReplayParams('?mode=replay&from=2026-11-26T11:00&to=2026-11-26T10:00');
    expect(r).toEqual({ ok: false, problems: [{ key: 'replay.bad.order' }] });
  });

  it('refuses impossible wall-clock times', () => {
    expect(parseTime('2026-13-01T10:00')).toBeNull();
    expect(parseTime('2026-11-26T25:00')).toBeNull();
    expect(parseTime('2026-11-26T10:00+01:00')).toBe(Date.UTC(2026, 10, 26, 9, 0));
  });

  it('reads wall-clock times in the data zone: Berlin live, a dataset’s own zone (issue 16)', () => {
    // 12 March 2011 14:04 in Seattle (PST, UTC-8) = 22:04 UTC; in Berlin (CET, UTC+1) = 13:04 UTC.
    expect(parseTime('2011-03-12T14:04', 'America/Los_Angeles')).toBe(Date.UTC(2011, 2, 12, 22, 4));
    expect(parseTime('2011-03-12 14:04:30')).toBe(Date.UTC(2011, 2, 12, 13, 4, 30));
    // After the US change to summer time (13 March): UTC-7.
    expect(parseTime('2011-03-14T14:04', 'America/Los_Angeles')).toBe(Date.UTC(2011, 2, 14, 21, 4));
    const r = parseReplayParams(
      '?mode=replay&dataset=seattle&from=2011-03-12T14:00&t=1299967200000',
      'America/Los_Angeles',
    );
    expect(r).toEqual({
      ok: true,
      value: { dataset: 'seattle', from: Date.UTC(2011, 2, 12, 22), t: 1299967200000, speed: 60 },
    });
  });

  it('writes a route that reads back the same', () => {
    const search = replaySearch({
      dataset: 'x',
      from: 1795690000000,
      to: 1795693600000,
      t: 1795691000000,
      speed: 0.5,
      incident: 'E1',
    });
    expect(parseReplayParams(search)).toEqual({
      ok: true,
      value: {
        dataset: 'x',
        from: 1795690000000,
        to: 1795693600000,
        t: 1795691000000,
        speed: 0.5,
        incident: 'E1',
      },
    });
  });

  it('replays an incident from 5 min before its call to 10 min after closure, an open one until now', () => {
    const opened = Date.UTC(2026, 10, 26, 9, 0);
    const now = opened + 3 * 3600_000;
    expect(incidentPeriod({ opened, closed: opened + 1_800_000 }, now)).toEqual({
      from: opened - 300_000,
      to: opened + 2_400_000,
    });
    expect(incidentPeriod({ opened }, now)).toEqual({ from: opened - 300_000, to: now });
    // closed just now: the margin after it has not happened yet
    expect(incidentPeriod({ opened, closed: now - 1000 }, now).to).toBe(now);
  });
});

describe('the reason of a replay', () => {
  it('is read from the route, written back, and refused when longer than the server takes', () => {
    const ok = parseReplayParams('?mode=replay&reason=Nachbereitung%20E-7');
    expect(ok).toMatchObject({ ok: true, value: { reason: 'Nachbereitung E-7' } });
    expect(replaySearch({ from: 1, to: 2, reason: 'Nachbereitung E-7' })).toContain(
      'reason=Nachbereitung+E-7',
    );
    expect(parseReplayParams(`?mode=replay&reason=${'x'.repeat(201)}`)).toEqual({
      ok: false,
      problems: [{ key: 'replay.bad.reason' }],
    });
  });
});
