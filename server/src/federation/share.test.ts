import { describe, expect, it } from 'vitest';
import { toIdMap } from '#shared/idMap';
import type { Incident, Unit } from '#shared/domain';
import type { LageEvent } from '#shared/schemas';
import { sharePolicySchema } from './policy.ts';
import { coarsen, shareEvent, sharePicture, type ShareLookup } from './share.ts';

const T = Date.UTC(2026, 10, 26);
const base = { seq: 1, time: T, received: T, by: 'mdt-1' };
const unit = (id: string, kind: Unit['kind'], extra: Partial<Unit> = {}): Unit => ({
  id,
  callsign: id,
  kind,
  district: 'Nord',
  status: 2,
  statusSince: T,
  ...extra,
});
const units: Record<string, Unit> = {
  u1: unit('u1', 'funkstreifenwagen'),
  r1: unit('r1', 'rettungswagen'),
  'hh:x': unit('hh:x', 'funkstreifenwagen', { origin: 'hh' }),
};
const incidents: Record<string, Incident> = {
  'hh:i': {
    id: 'hh:i',
    number: '1',
    type: 'einbruch',
    priority: 2,
    state: 'neu',
    location: { lat: 1, lon: 1 },
    times: { opened: T },
    units: [],
    notes: [],
    origin: 'hh',
  },
};
const look: ShareLookup = { unitOf: (id) => units[id], incidentOf: (id) => incidents[id] };
const policy = (p: object) => sharePolicySchema.parse({ districts: '*', kinds: ['funkstreifenwagen'], ...p });

describe('the share filter, field by field', () => {
  it('coarsens to the centre of a grid cell of the given size', () => {
    const a = coarsen(53.55123, 9.99321, 1000);
    const b = coarsen(53.5514, 9.9935, 1000);
    expect(a).toEqual(b);
    expect(Math.abs(a.lat - 53.55123) * 111_320).toBeLessThan(1000);
  });

  it('positions: only with "position"; motion and accuracy only when named; kinds honoured', () => {
    const pos: LageEvent = {
      ...base,
      type: 'unit.position',
      unitId: 'u1',
      lat: 53.5,
      lon: 10,
      heading: 5,
      speed: 3,
      accuracy: 4,
    };
    expect(shareEvent(pos, policy({}), look)).toBeUndefined();
    expect(shareEvent(pos, policy({ unitFields: ['position'] }), look)).toEqual({
      ...base,
      type: 'unit.position',
      unitId: 'u1',
      lat: 53.5,
      lon: 10,
    });
    expect(
      shareEvent(pos, policy({ unitFields: ['position', 'motion', 'accuracy'], gridMetres: 500 }), look),
    ).toMatchObject({ heading: 5, speed: 3, accuracy: 500, ...coarsen(53.5, 10, 500) });
    expect(shareEvent({ ...pos, unitId: 'r1' }, policy({ unitFields: ['position'] }), look)).toBeUndefined();
  });

  it('never passes on what came from a peer', () => {
    const p = policy({ unitFields: ['position', 'incident'] });
    expect(
      shareEvent({ ...base, by: 'fed:hh', type: 'unit.status', unitId: 'u1', status: 3 }, p, look),
    ).toBeUndefined();
    expect(shareEvent({ ...base, type: 'unit.status', unitId: 'hh:x', status: 3 }, p, look)).toBeUndefined();
    // A local unit's status naming a foreign incident goes without the incident.
    expect(
      shareEvent({ ...base, type: 'unit.status', unitId: 'u1', status: 3, incidentId: 'hh:i' }, p, look),
    ).not.toHaveProperty('incidentId');
    expect(
      shareEvent(
        { ...base, type: 'incident.note', incidentId: 'hh:i', text: 'x' },
        policy({ personal: true, incidentFields: ['notes'] }),
        look,
      ),
    ).toBeUndefined();
    const pic = sharePicture({ seq: 1, units: toIdMap(units), incidents: toIdMap(incidents) }, p);
    expect(Object.keys(pic.units)).toEqual(['u1']);
    expect(Object.keys(pic.incidents)).toEqual([]);
  });

  it('personal fields need "personal": true and their name', () => {
    expect(() => policy({ incidentFields: ['caller'] })).toThrow('personal data');
    const opened: LageEvent = {
      ...base,
      type: 'incident.opened',
      incident: {
        id: 'i',
        number: '1',
        type: 'einbruch',
        priority: 2,
        location: { lat: 1, lon: 1 },
        address: 'A 1',
        description: 'd',
        caller: { name: 'n' },
      },
    };
    const plain = shareEvent(opened, policy({}), look);
    expect(plain).toMatchObject({ incident: { id: 'i' } });
    expect(JSON.stringify(plain)).not.toMatch(/address|description|caller/);
    expect(shareEvent(opened, policy({ personal: true, incidentFields: ['caller'] }), look)).toMatchObject({
      incident: { caller: { name: 'n' } },
    });
  });
});
