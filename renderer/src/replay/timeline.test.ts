import { describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import { activityFromMarkers, findIncident, markersIn } from './controller.ts';
import { sparklinePath } from './ReplayTimeline.tsx';
import { T0, testLog } from './testLog.ts';

const end = applyAll(emptyPicture(), testLog(30));

describe('replay timeline data', () => {
  it('marks the incidents opened inside the period, in order, with closure', () => {
    const markers = markersIn(end, T0 + 5 * 60_000, T0 + 12 * 60_000);
    expect(markers.map((m) => m.id)).toEqual(['E3', 'E4', 'E5', 'E6']);
    expect(markers[0]).toMatchObject({ number: '2026-3', opened: T0 + 360_000, closed: T0 + 450_000 });
  });

  it('finds an incident by id or by number', () => {
    expect(findIncident(end, 'E4')?.id).toBe('E4');
    expect(findIncident(end, '2026-4')?.id).toBe('E4');
    expect(findIncident(end, 'E99')).toBeUndefined();
  });

  it('counts incidents per bucket when the server has no activity counts', () => {
    const markers = markersIn(end, T0, T0 + 30 * 60_000);
    const a = activityFromMarkers(markers, T0, T0 + 30 * 60_000, 15);
    expect(a.events).toHaveLength(15);
    expect(a.events.reduce((n, x) => n + x, 0)).toBe(markers.length);
    expect(a.events[0]).toBe(0);
    expect(a.events[1]).toBe(1);
  });

  it('draws the sparkline scaled to the busiest bucket', () => {
    expect(sparklinePath(null)).toBe('');
    expect(sparklinePath({ from: [0, 1], events: [0, 4] })).toBe('M0,40 L250,40 L750,2 L1000,40 Z');
  });
});
