import { describe, expect, it } from 'vitest';
import { incidentTimeline } from './timeline.ts';
import { incident } from '../../charts/testIncidents.ts';
import { unit } from '../board/testUnits.ts';

const T = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;

describe('incident timeline from the picture', () => {
  it('orders opened, dispatch with the first assignment, later assignments, arrival, notes, closure', () => {
    const inc = incident(
      'i',
      'einbruch',
      { opened: T, dispatched: T + 2 * MIN, firstOnScene: T + 9 * MIN, closed: T + 30 * MIN },
      {
        units: ['u1', 'u2', 'u3'],
        notes: [{ time: T + 5 * MIN, author: 'operator', text: 'Täter flüchtig' }],
      },
    );
    const units = {
      u1: unit('u1', 4, T + 9 * MIN, { incidentId: 'i' }),
      u2: unit('u2', 3, T + 4 * MIN, { incidentId: 'i' }), // still en route: its status change is the assignment
      u3: unit('u3', 2, T + 20 * MIN), // released: the assignment time is gone from the picture
    };
    expect(incidentTimeline(inc, units)).toEqual([
      { kind: 'opened', time: T },
      { kind: 'dispatched', time: T + 2 * MIN },
      { kind: 'assigned', time: T + 2 * MIN, unitId: 'u1', callsign: 'K u1' },
      { kind: 'assigned', time: T + 4 * MIN, unitId: 'u2', callsign: 'K u2' },
      { kind: 'note', time: T + 5 * MIN, author: 'operator', text: 'Täter flüchtig' },
      { kind: 'firstOnScene', time: T + 9 * MIN },
      { kind: 'closed', time: T + 30 * MIN },
      { kind: 'assigned', time: null, unitId: 'u3', callsign: 'K u3' },
    ]);
  });

  it('a new incident has only its opening', () => {
    expect(incidentTimeline(incident('n', 'brand', { opened: T }), {})).toEqual([
      { kind: 'opened', time: T },
    ]);
  });
});
