import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  incidentsByType,
  incidentsPerHour,
  median,
  medianTimeTo,
  openIncidentCount,
  timesTo,
} from './kpi.ts';
import { shiftStart } from './shift.ts';
import { incident } from './testIncidents.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 9, 0, 0); // 10:00 in Berlin (winter)
const now = T0 + 40 * MIN; // 10:40 Berlin

// Hand-computed case: times to dispatch a 2, b 4, c 1, d 1 min; to first on scene a 10, b 15, d 30 min.
const incidents = [
  incident('a', 'verkehrsunfall', { opened: T0, dispatched: T0 + 2 * MIN, firstOnScene: T0 + 10 * MIN }),
  incident('b', 'einbruch', { opened: T0 + 5 * MIN, dispatched: T0 + 9 * MIN, firstOnScene: T0 + 20 * MIN }),
  incident('c', 'verkehrsunfall', { opened: T0 + 6 * MIN, dispatched: T0 + 7 * MIN }),
  incident('d', 'brand', {
    opened: T0 - 2 * HOUR_MS,
    dispatched: T0 - 2 * HOUR_MS + MIN,
    firstOnScene: T0 - 2 * HOUR_MS + 30 * MIN,
    closed: T0 - HOUR_MS,
  }),
  incident('e', 'einbruch', { opened: T0 + 30 * MIN }),
  incident('f', 'verkehrsunfall', { opened: T0 - 23 * HOUR_MS, closed: T0 - 22 * HOUR_MS }),
  incident('g', 'raub', { opened: T0 - 23 * HOUR_MS - 1, closed: T0 - 22 * HOUR_MS }),
];

describe('median', () => {
  it('is null for nothing, the middle value for odd and the mean of the two middle ones for even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('median time to dispatch and to first unit on scene', () => {
  it('last hour: the incidents whose dispatch or arrival fell in [now - 1 h, now]', () => {
    const from = now - HOUR_MS;
    expect(timesTo(incidents, 'dispatched', from, now + 1).sort((x, y) => x - y)).toEqual([
      1 * MIN,
      2 * MIN,
      4 * MIN,
    ]);
    expect(medianTimeTo(incidents, 'dispatched', from, now + 1)).toEqual({ median: 2 * MIN, n: 3 });
    expect(medianTimeTo(incidents, 'firstOnScene', from, now + 1)).toEqual({ median: 12.5 * MIN, n: 2 });
  });

  it('this shift: from 06:00 Berlin, so incident d (dispatched 08:01) counts too', () => {
    const shift = shiftStart(now);
    expect(shift).toBe(Date.UTC(2026, 10, 26, 5, 0, 0));
    expect(medianTimeTo(incidents, 'dispatched', shift, now + 1)).toEqual({ median: 1.5 * MIN, n: 4 });
    expect(medianTimeTo(incidents, 'firstOnScene', shift, now + 1)).toEqual({ median: 15 * MIN, n: 3 });
  });

  it('has no value (not zero) when nothing happened in the window', () => {
    expect(medianTimeTo(incidents, 'dispatched', now + 1, now + 2)).toEqual({ median: null, n: 0 });
  });

  it('counts a milestone stamped before the opening (clock skew) as zero, not negative', () => {
    const skewed = incident('s', 'sonstiges', { opened: T0, dispatched: T0 - 5000 });
    expect(timesTo([skewed], 'dispatched', T0 - MIN, T0 + MIN)).toEqual([0]);
  });
});

describe('incidents per hour', () => {
  it('24 clock-hour buckets ending with the current hour; the first bucket starts 23 h before it', () => {
    const buckets = incidentsPerHour(incidents, now);
    expect(buckets).toHaveLength(24);
    expect(buckets[0]?.start).toBe(T0 - 23 * HOUR_MS);
    expect(buckets[23]?.start).toBe(T0);
    // a, b, c, e opened in 09:00-10:00 UTC; d at 07:00; f exactly at the first bucket's start; g 1 ms before.
    expect(buckets.map((b) => b.count)).toEqual([1, ...Array<number>(20).fill(0), 1, 0, 4]);
  });
});

describe('incidents by type', () => {
  it('counts the window per call type, most frequent first, ties in the domain order', () => {
    expect(incidentsByType(incidents, now - 24 * HOUR_MS, now + 1)).toEqual([
      { type: 'verkehrsunfall', count: 3 },
      { type: 'einbruch', count: 2 },
      { type: 'brand', count: 1 },
      { type: 'raub', count: 1 },
    ]);
    expect(incidentsByType(incidents, T0, now + 1)).toEqual([
      { type: 'verkehrsunfall', count: 2 },
      { type: 'einbruch', count: 2 },
    ]);
  });
});

describe('open incidents', () => {
  it('are all not closed', () => {
    expect(openIncidentCount(incidents)).toBe(4);
  });
});
