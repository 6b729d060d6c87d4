import { describe, expect, it } from 'vitest';
import type { AvailabilitySample } from '../../stores/historyStore.ts';
import { joinAvailability } from './useAvailabilityHistory.ts';

const s = (time: number, available: number): AvailabilitySample => ({
  time,
  available,
  committed: 0,
  request: 0,
  emergency: 0,
  unavailable: 0,
  custom: 0,
  total: available,
});

describe('availability over time', () => {
  it("is the server's series up to the dashboard's first own sample, then the dashboard's samples", () => {
    const server = [s(0, 5), s(300, 6), s(600, 7), s(900, 8)];
    const local = [s(650, 9), s(710, 10)];
    expect(joinAvailability(server, local)).toEqual([s(0, 5), s(300, 6), s(600, 7), s(650, 9), s(710, 10)]);
    expect(joinAvailability(server, [])).toEqual(server);
    expect(joinAvailability([], local)).toEqual(local);
  });

  it('leaves out the instants before the log knew any unit', () => {
    expect(joinAvailability([s(0, 0), s(300, 0), s(600, 4), s(900, 0)], [s(1000, 5)])).toEqual([
      s(600, 4),
      s(900, 0),
      s(1000, 5),
    ]);
    expect(joinAvailability([s(0, 0)], [])).toEqual([]);
  });
});
