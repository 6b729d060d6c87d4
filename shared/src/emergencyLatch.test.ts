/** The emergency latch (issue 13.7): a status 0 stays an open emergency until an operator acknowledges it. */
import { describe, expect, it } from 'vitest';
import { applyAll } from './reducer.ts';
import { emptyPicture, type Picture } from './picture.ts';
import { isOpenEmergency, isOpenRequest, openSince, type FmsStatus, type Unit } from './domain.ts';
import type { LageEvent, NewEvent } from './schemas.ts';

const T = Date.UTC(2026, 10, 26, 10);
let seq = 0;
const ev = (e: NewEvent): LageEvent => ({ ...e, seq: ++seq, received: e.time }) as LageEvent;
const reg = (status?: FmsStatus, time = T): LageEvent =>
  ev({
    type: 'unit.registered',
    time,
    unit: {
      id: 'a',
      callsign: 'Dü 12/41',
      kind: 'funkstreifenwagen',
      district: 'PP Düsseldorf',
      ...(status === undefined ? {} : { status }),
    },
  });
const status = (s: FmsStatus, time: number): LageEvent =>
  ev({ type: 'unit.status', time, unitId: 'a', status: s });
const ackEmergency = (time: number): LageEvent =>
  ev({ type: 'unit.emergencyAcknowledged', time, unitId: 'a', by: 'op' });
const ack = (time: number): LageEvent => ev({ type: 'unit.acknowledged', time, unitId: 'a', by: 'op' });

const unitAfter = (events: LageEvent[]): Unit => {
  const p: Picture = applyAll(emptyPicture(), events);
  const u = p.units['a'];
  if (!u) throw new Error('unit a missing from the picture');
  return u;
};

describe('emergency latch (reducer)', () => {
  it('status 0 then 2 keeps emergencySince; the later status shows as usual', () => {
    const u = unitAfter([reg(2), status(0, T + 1000), status(2, T + 5000)]);
    expect(u).toMatchObject({ status: 2, statusSince: T + 5000, emergencySince: T + 1000 });
    expect(isOpenEmergency(u)).toBe(true);
    expect(isOpenRequest(u)).toBe(true);
    expect(openSince(u)).toBe(T + 1000);
  });

  it('keeps the first emergency time through further statuses and a second 0', () => {
    const u = unitAfter([
      reg(2),
      status(0, T + 1000),
      status(3, T + 2000),
      status(0, T + 3000),
      status(6, T + 4000),
    ]);
    expect(u).toMatchObject({ status: 6, emergencySince: T + 1000 });
  });

  it('the emergency acknowledgement clears it whatever the status, and records the acknowledgement', () => {
    const u = unitAfter([reg(2), status(0, T + 1000), status(2, T + 5000), ackEmergency(T + 9000)]);
    expect(u.emergencySince).toBeUndefined();
    expect(u).toMatchObject({ status: 2, acknowledgedAt: T + 9000 });
    expect(isOpenEmergency(u)).toBe(false);
    expect(isOpenRequest(u)).toBe(false);
  });

  it('a plain acknowledgement clears it only while the unit is still in status 0', () => {
    expect(unitAfter([reg(2), status(0, T + 1000), ack(T + 2000)]).emergencySince).toBeUndefined();
    // 0 then 5: "J" answers the speech request; the emergency behind it stays open.
    const u = unitAfter([reg(2), status(0, T + 1000), status(5, T + 2000), ack(T + 3000)]);
    expect(u).toMatchObject({ status: 5, emergencySince: T + 1000, acknowledgedAt: T + 3000 });
    expect(isOpenEmergency(u)).toBe(true);
  });

  it('a new status 0 after the acknowledgement is a new emergency', () => {
    const u = unitAfter([reg(2), status(0, T + 1000), ackEmergency(T + 2000), status(0, T + 7000)]);
    expect(u.emergencySince).toBe(T + 7000);
  });

  it('a unit registered in status 0 is latched; re-registering without a status keeps the latch', () => {
    expect(unitAfter([reg(0)]).emergencySince).toBe(T);
    expect(unitAfter([reg(0), status(2, T + 1000), reg(undefined, T + 2000)]).emergencySince).toBe(T);
  });

  it('an assignment (status 3) keeps the latch', () => {
    const open: LageEvent = ev({
      type: 'incident.opened',
      time: T,
      incident: { id: 'E1', number: '2026-1', type: 'einbruch', priority: 1, location: { lat: 51, lon: 7 } },
    });
    const assigned = ev({ type: 'incident.assigned', time: T + 2000, incidentId: 'E1', unitId: 'a' });
    expect(unitAfter([reg(2), open, status(0, T + 1000), assigned])).toMatchObject({
      status: 3,
      emergencySince: T + 1000,
    });
  });

  it('ignores acknowledgements of unknown units and never mutates the input picture', () => {
    const before = applyAll(emptyPicture(), [reg(2), status(0, T + 1000)]);
    const frozen = JSON.stringify(before);
    const stranger = ev({ type: 'unit.emergencyAcknowledged', time: T, unitId: 'zz', by: 'op' });
    const after = applyAll(before, [ackEmergency(T + 2000), stranger]);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(after.units['zz']).toBeUndefined();
    expect(after.units['a']?.emergencySince).toBeUndefined();
  });
});
