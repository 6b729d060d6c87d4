import { describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { historyTimeline, incidentTimeline } from './timeline.ts';
import { incident } from '../../charts/testIncidents.ts';
import { unit } from '../../testing/units.ts';

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

describe('incident timeline from the log', () => {
  const base = { received: T, seq: 0 };
  it('shows every step with its exact time and who did it, in time order', () => {
    const units = { u1: unit('u1', 2, T), u2: unit('u2', 1, T) };
    const events: LageEvent[] = [
      {
        ...base,
        type: 'incident.opened',
        time: T,
        by: 'cad',
        incident: { id: 'i', number: 'E-i', type: 'einbruch', priority: 2, location: { lat: 1, lon: 2 } },
      },
      { ...base, type: 'incident.assigned', time: T + 2 * MIN, by: 'mueller', incidentId: 'i', unitId: 'u1' },
      {
        ...base,
        type: 'unit.status',
        time: T + 3 * MIN,
        by: 'ingest',
        unitId: 'u2',
        status: 3,
        incidentId: 'i',
      },
      // Reported late by the terminal: it sorts by its time, before the status of u2.
      { ...base, type: 'unit.status', time: T + 2 * MIN + 30_000, by: 'ingest', unitId: 'u1', status: 3 },
      { ...base, type: 'unit.status', time: T + 9 * MIN, by: 'ingest', unitId: 'u1', status: 4 },
      {
        ...base,
        type: 'incident.updated',
        time: T + 10 * MIN,
        by: 'mueller',
        incidentId: 'i',
        patch: { state: 'in_bearbeitung', priority: 1, address: 'Hauptstr. 1' },
      },
      {
        ...base,
        type: 'incident.note',
        time: T + 11 * MIN,
        by: 'mueller',
        incidentId: 'i',
        text: 'Zeuge vor Ort',
      },
      { ...base, type: 'unit.status', time: T + 20 * MIN, by: 'ingest', unitId: 'u2', status: 1 },
      { ...base, type: 'incident.closed', time: T + 30 * MIN, by: 'schmidt', incidentId: 'i' },
    ];
    expect(historyTimeline(events, units)).toEqual([
      { kind: 'opened', time: T, by: 'cad' },
      { kind: 'assigned', time: T + 2 * MIN, unitId: 'u1', callsign: 'K u1', by: 'mueller' },
      { kind: 'status', time: T + 2 * MIN + 30_000, unitId: 'u1', callsign: 'K u1', status: 3, by: 'ingest' },
      { kind: 'status', time: T + 3 * MIN, unitId: 'u2', callsign: 'K u2', status: 3, by: 'ingest' },
      { kind: 'status', time: T + 9 * MIN, unitId: 'u1', callsign: 'K u1', status: 4, by: 'ingest' },
      { kind: 'state', time: T + 10 * MIN, state: 'in_bearbeitung', by: 'mueller' },
      { kind: 'updated', time: T + 10 * MIN, fields: ['address', 'priority'], by: 'mueller' },
      { kind: 'note', time: T + 11 * MIN, author: 'mueller', text: 'Zeuge vor Ort' },
      { kind: 'status', time: T + 20 * MIN, unitId: 'u2', callsign: 'K u2', status: 1, by: 'ingest' },
      { kind: 'closed', time: T + 30 * MIN, by: 'schmidt' },
    ]);
  });

  it('names a unit missing from the picture by its id', () => {
    const e: LageEvent = { ...base, type: 'incident.assigned', time: T, incidentId: 'i', unitId: 'gone' };
    expect(historyTimeline([e], {})).toEqual([
      { kind: 'assigned', time: T, unitId: 'gone', callsign: 'gone' },
    ]);
  });
});
