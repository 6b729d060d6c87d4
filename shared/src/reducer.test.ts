import { describe, expect, it } from 'vitest';
import { apply, applyAll } from './reducer.ts';
import { emptyPicture, isStale, CLOSED_INCIDENT_RETENTION_MS, type Picture } from './picture.ts';
import type { LageEvent } from './schemas.ts';

const T = Date.UTC(2026, 10, 26, 10);
let seq = 0;
const ev = <E extends Omit<LageEvent, 'seq' | 'received' | 'time'> & { time?: number }>(e: E): LageEvent =>
  ({ time: T, ...e, seq: ++seq, received: T }) as unknown as LageEvent;

const reg = (id: string, status?: number) =>
  ev({
    type: 'unit.registered',
    unit: {
      id,
      callsign: `Dü 12/${id}`,
      kind: 'funkstreifenwagen',
      district: 'PP Düsseldorf',
      ...(status === undefined ? {} : { status }),
    },
  } as never);
const open = (id: string, time = T) =>
  ev({
    type: 'incident.opened',
    time,
    incident: { id, number: `2026-${id}`, type: 'einbruch', priority: 2, location: { lat: 51.2, lon: 6.7 } },
  } as never);

function fold(events: LageEvent[]): Picture {
  return applyAll(emptyPicture(), events);
}

describe('reducer', () => {
  it('registers units with status 2 by default and keeps statusSince on re-registration', () => {
    const p = fold([
      reg('a'),
      ev({
        type: 'unit.registered',
        time: T + 5000,
        unit: { id: 'a', callsign: 'Dü 1/1', kind: 'motorrad', district: 'X' },
      } as never),
    ]);
    expect(p.units['a']).toMatchObject({ status: 2, statusSince: T, callsign: 'Dü 1/1', kind: 'motorrad' });
  });

  it('keeps the newest fix when a late one arrives', () => {
    const p = fold([
      reg('a'),
      ev({ type: 'unit.position', unitId: 'a', lat: 51.3, lon: 6.8, time: T + 2000 } as never),
      ev({ type: 'unit.position', unitId: 'a', lat: 51.0, lon: 6.0, time: T + 1000 } as never),
    ]);
    expect(p.units['a']?.position).toEqual({ lat: 51.3, lon: 6.8, time: T + 2000 });
    expect(p.seq).toBe(seq);
  });

  it('ignores positions and status of unknown units', () => {
    const p = fold([
      ev({ type: 'unit.position', unitId: 'zz', lat: 1, lon: 1 } as never),
      ev({ type: 'unit.status', unitId: 'zz', status: 3 } as never),
    ]);
    expect(p.units).toEqual({});
  });

  it('runs the FMS cycle: assignment → 3, arrival 4 sets first on scene, 1 frees the unit', () => {
    const p = fold([
      reg('a', 2),
      open('E1'),
      ev({ type: 'incident.assigned', time: T + 60_000, incidentId: 'E1', unitId: 'a' } as never),
      ev({ type: 'unit.status', time: T + 300_000, unitId: 'a', status: 4 } as never),
      ev({ type: 'unit.status', time: T + 900_000, unitId: 'a', status: 1 } as never),
    ]);
    expect(p.incidents['E1']).toMatchObject({
      state: 'in_bearbeitung',
      units: ['a'],
      times: { opened: T, dispatched: T + 60_000, firstOnScene: T + 300_000 },
    });
    expect(p.units['a']).toMatchObject({ status: 1, statusSince: T + 900_000 });
    expect(p.units['a']?.incidentId).toBeUndefined();
  });

  it('status 3 with an incident id assigns the unit', () => {
    const p = fold([
      reg('a'),
      open('E1'),
      ev({ type: 'unit.status', unitId: 'a', status: 3, incidentId: 'E1' } as never),
    ]);
    expect(p.incidents['E1']?.state).toBe('disponiert');
    expect(p.units['a']?.incidentId).toBe('E1');
  });

  it('closing releases the assigned units and refuses later assignments', () => {
    const p = fold([
      reg('a'),
      reg('b'),
      open('E1'),
      ev({ type: 'incident.assigned', incidentId: 'E1', unitId: 'a' } as never),
      ev({ type: 'incident.closed', time: T + 1000, incidentId: 'E1' } as never),
      ev({ type: 'incident.assigned', incidentId: 'E1', unitId: 'b' } as never),
    ]);
    expect(p.incidents['E1']).toMatchObject({
      state: 'abgeschlossen',
      times: { closed: T + 1000 },
      units: ['a'],
    });
    expect(p.units['a']?.incidentId).toBeUndefined();
    expect(p.units['b']).toMatchObject({ status: 2 });
  });

  it('an update to state abgeschlossen closes like a close event', () => {
    const p = fold([
      reg('a'),
      open('E1'),
      ev({ type: 'incident.assigned', incidentId: 'E1', unitId: 'a' } as never),
      ev({
        type: 'incident.updated',
        incidentId: 'E1',
        patch: { state: 'abgeschlossen', priority: 1 },
      } as never),
    ]);
    expect(p.incidents['E1']).toMatchObject({ state: 'abgeschlossen', priority: 1 });
    expect(p.units['a']?.incidentId).toBeUndefined();
  });

  it('an update that sets a state records the dispatch and arrival times like assign and status 4', () => {
    const setState = (state: string, time: number) =>
      ev({ type: 'incident.updated', time, incidentId: 'E1', patch: { state } } as never);
    const p = fold([
      open('E1', T),
      setState('disponiert', T + 60_000),
      setState('in_bearbeitung', T + 300_000),
    ]);
    expect(p.incidents['E1']).toMatchObject({
      state: 'in_bearbeitung',
      times: { opened: T, dispatched: T + 60_000, firstOnScene: T + 300_000 },
    });
  });

  it('the first dispatch and arrival count: later state updates and assignments keep them', () => {
    const p = fold([
      reg('a'),
      open('E1', T),
      ev({ type: 'incident.assigned', time: T + 10_000, incidentId: 'E1', unitId: 'a' } as never),
      ev({
        type: 'incident.updated',
        time: T + 20_000,
        incidentId: 'E1',
        patch: { state: 'disponiert' },
      } as never),
      ev({ type: 'unit.status', time: T + 30_000, unitId: 'a', status: 4 } as never),
      ev({
        type: 'incident.updated',
        time: T + 40_000,
        incidentId: 'E1',
        patch: { state: 'in_bearbeitung' },
      } as never),
    ]);
    expect(p.incidents['E1']?.times).toEqual({ opened: T, dispatched: T + 10_000, firstOnScene: T + 30_000 });
  });

  it('a state update straight to in_bearbeitung sets only firstOnScene; other patches set no times', () => {
    const p = fold([
      open('E1', T),
      open('E2', T),
      ev({
        type: 'incident.updated',
        time: T + 5_000,
        incidentId: 'E1',
        patch: { state: 'in_bearbeitung' },
      } as never),
      ev({ type: 'incident.updated', time: T + 5_000, incidentId: 'E2', patch: { priority: 1 } } as never),
    ]);
    expect(p.incidents['E1']?.times).toEqual({ opened: T, firstOnScene: T + 5_000 });
    expect(p.incidents['E2']?.times).toEqual({ opened: T });
  });

  it('adds notes with their author', () => {
    const p = fold([
      open('E1'),
      ev({ type: 'incident.note', by: 'op1', incidentId: 'E1', text: 'Zeuge vor Ort' } as never),
    ]);
    expect(p.incidents['E1']?.notes).toEqual([{ time: T, author: 'op1', text: 'Zeuge vor Ort' }]);
  });

  it('drops closed incidents from the picture after the retention period', () => {
    const p = fold([
      open('E1'),
      ev({ type: 'incident.closed', incidentId: 'E1' } as never),
      open('E2', T + CLOSED_INCIDENT_RETENTION_MS + 1),
    ]);
    expect(Object.keys(p.incidents)).toEqual(['E2']);
  });

  it('never mutates its input', () => {
    const p0 = fold([reg('a'), open('E1')]);
    const frozen = JSON.stringify(p0);
    apply(p0, ev({ type: 'incident.assigned', incidentId: 'E1', unitId: 'a' } as never));
    apply(p0, ev({ type: 'unit.position', unitId: 'a', lat: 1, lon: 2 } as never));
    expect(JSON.stringify(p0)).toBe(frozen);
  });

  it('folding in one go equals folding one by one', () => {
    const events = [
      reg('a'),
      reg('b'),
      open('E1'),
      ev({ type: 'incident.assigned', incidentId: 'E1', unitId: 'b' } as never),
      ev({ type: 'unit.position', unitId: 'a', lat: 1, lon: 2 } as never),
    ];
    expect(events.reduce(apply, emptyPicture())).toEqual(fold(events));
  });

  it('derives staleness from the age of the last fix', () => {
    const p = fold([reg('a'), ev({ type: 'unit.position', unitId: 'a', lat: 1, lon: 2, time: T } as never)]);
    expect(isStale(p.units['a']!, T + 60_000, 60_000)).toBe(false);
    expect(isStale(p.units['a']!, T + 60_001, 60_000)).toBe(true);
    expect(isStale(fold([reg('b')]).units['b']!, T, 60_000)).toBe(true);
  });
});
