/**
 * Which KPIs the picture can carry and which need the server. Closed incidents leave the picture
 * 12 h after closure; a shift is at most 8 h, so every incident dispatched (or reached) in this shift
 * is still there and the medians are exact from the picture. A day of incidents per hour is not:
 * those come from the server's log and are merged with the picture.
 */
import { describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { CLOSED_INCIDENT_RETENTION_MS, emptyPicture } from '#shared/picture';
import type { LageEvent, NewEvent } from '#shared/schemas';
import {
  HOUR_MS,
  dayWindow,
  incidentsByType,
  incidentsPerHour,
  medianTimeTo,
  mergeByType,
  mergeHourly,
} from './kpi.ts';
import { SHIFT_HOURS, shiftStart } from './shift.ts';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 26, 12, 30); // 13:30 Berlin: the early shift began at 06:00 (05:00 UTC)
const SHIFT = Date.UTC(2026, 10, 26, 5);

function fold(events: NewEvent[]) {
  const stamped = events.map((e, k) => ({ ...e, seq: k + 1, received: e.time }) as LageEvent);
  return applyAll(emptyPicture(), stamped);
}
const unit = (id: string): NewEvent => ({
  type: 'unit.registered',
  time: NOW - 30 * HOUR_MS,
  unit: { id, callsign: id, kind: 'funkstreifenwagen', district: 'D', status: 2 },
});
const open = (id: string, at: number, type: 'brand' | 'raub' | 'einbruch' = 'brand'): NewEvent => ({
  type: 'incident.opened',
  time: at,
  incident: { id, number: id, type, priority: 2, location: { lat: 50, lon: 7 } },
});
const assign = (id: string, unitId: string, at: number): NewEvent => ({
  type: 'incident.assigned',
  time: at,
  incidentId: id,
  unitId,
});
const onScene = (unitId: string, at: number): NewEvent => ({
  type: 'unit.status',
  time: at,
  unitId,
  status: 4,
});
const close = (id: string, at: number): NewEvent => ({ type: 'incident.closed', time: at, incidentId: id });

describe('KPIs across the 12 h retention of closed incidents', () => {
  it('a shift is shorter than the retention, so no incident of this shift can have left the picture', () => {
    const hours = [...SHIFT_HOURS].sort((a, b) => a - b);
    const longest = Math.max(...hours.map((h, k) => ((hours[k + 1] ?? hours[0]! + 24) - h) * HOUR_MS));
    expect(longest).toBe(8 * HOUR_MS);
    // One hour of slack for the night shift with the autumn clock change (9 real hours).
    expect(longest + HOUR_MS).toBeLessThan(CLOSED_INCIDENT_RETENTION_MS);
  });

  const picture = fold([
    unit('u1'),
    unit('u2'),
    unit('u3'),
    // Early morning: opened 22 h ago, closed 20 h ago: pruned when a later incident opens.
    open('old', NOW - 22 * HOUR_MS, 'raub'),
    assign('old', 'u1', NOW - 22 * HOUR_MS + 3 * MIN),
    close('old', NOW - 20 * HOUR_MS),
    // Opened before the shift, dispatched in it: 7 h 40 min to dispatch, closed soon after.
    open('late', SHIFT - 7 * HOUR_MS),
    assign('late', 'u2', SHIFT + 40 * MIN),
    onScene('u2', SHIFT + 50 * MIN),
    close('late', SHIFT + 2 * HOUR_MS),
    // In the last hour: 2 min to dispatch, 10 min to scene.
    open('now', NOW - 40 * MIN, 'einbruch'),
    assign('now', 'u3', NOW - 38 * MIN),
    onScene('u3', NOW - 30 * MIN),
  ]);

  it('the closed incident of 20 h ago has left the picture; the one of this shift has not', () => {
    expect(Object.keys(picture.incidents).sort()).toEqual(['late', 'now']);
  });

  it('medians of this shift and the last hour are exact from the picture (hand-computed)', () => {
    const incidents = Object.values(picture.incidents);
    expect(shiftStart(NOW)).toBe(SHIFT);
    // Shift: 'late' 7 h 40 min (460 min) and 'now' 2 min → median 231 min.
    expect(medianTimeTo(incidents, 'dispatched', SHIFT, NOW + 1)).toEqual({ median: 231 * MIN, n: 2 });
    // On scene: 'late' 7 h 50 min (470 min), 'now' 10 min → 240 min.
    expect(medianTimeTo(incidents, 'firstOnScene', SHIFT, NOW + 1)).toEqual({ median: 240 * MIN, n: 2 });
    expect(medianTimeTo(incidents, 'dispatched', NOW - HOUR_MS, NOW + 1)).toEqual({ median: 2 * MIN, n: 1 });
    expect(medianTimeTo(incidents, 'firstOnScene', NOW - HOUR_MS, NOW + 1)).toEqual({
      median: 10 * MIN,
      n: 1,
    });
  });

  it('incidents per hour need the server: the picture alone misses the pruned one, the merge has all three', () => {
    const incidents = Object.values(picture.incidents);
    const { from } = dayWindow(NOW);
    const live = incidentsPerHour(incidents, NOW);
    // The window runs from 13:00 UTC yesterday: 'late' (22:00) is bucket 9, 'now' (11:50) bucket 22.
    expect(live.flatMap((b, k) => (b.count ? [k] : []))).toEqual([9, 22]);
    // GET /api/v1/stats/incidents for the same window, asked before 'now' was opened: it has 'old'
    // (14:30 yesterday, bucket 1) from the log, and 'late'.
    const server = live.map((b, k) => ({ start: b.start, count: k === 1 || k === 9 ? 1 : 0 }));
    expect(server[0]!.start).toBe(from);
    const merged = mergeHourly(server, live);
    expect(merged.flatMap((b, k) => (b.count ? [k] : []))).toEqual([1, 9, 22]);
    expect(merged.reduce((n, b) => n + b.count, 0)).toBe(3);
  });

  it('merging takes the larger count per hour and per type (both are lower bounds of the truth)', () => {
    const live = [
      { start: 0, count: 3 },
      { start: HOUR_MS, count: 1 },
    ];
    // The server was asked before the fourth incident of hour 0 arrived, but knows hour 1's pruned ones.
    const server = [
      { start: 0, count: 2 },
      { start: HOUR_MS, count: 4 },
    ];
    expect(mergeHourly(server, live)).toEqual([
      { start: 0, count: 3 },
      { start: HOUR_MS, count: 4 },
    ]);
    expect(mergeHourly(null, live)).toEqual(live);
    const day = dayWindow(NOW);
    const liveTypes = incidentsByType(Object.values(picture.incidents), day.from, day.to);
    expect(liveTypes).toEqual([
      { type: 'einbruch', count: 1 },
      { type: 'brand', count: 1 },
    ]);
    expect(
      mergeByType(
        [
          { type: 'raub', count: 1 },
          { type: 'einbruch', count: 1 },
          { type: 'brand', count: 1 },
        ],
        liveTypes,
      ),
    ).toEqual([
      { type: 'einbruch', count: 1 },
      { type: 'brand', count: 1 },
      { type: 'raub', count: 1 },
    ]);
  });
});
