/**
 * The hand-checked events (plainEvents.ts) against the shared schema: what they stamp is what the
 * schema stamps, and whatever they are not sure of goes to the schema (which then says why).
 */
import { describe, expect, it } from 'vitest';
import { lageEventSchema, type NewEvent } from '#shared/schemas';
import { RowError } from './cells.ts';
import { toDraft } from './drafts.ts';
import { plainEvent } from './plainEvents.ts';

const T = Date.UTC(2024, 4, 1, 12);
const R = Date.UTC(2024, 4, 2);
const schema = (e: NewEvent) => lageEventSchema.parse({ seq: 0, ...e, received: R, by: 'import' });

const incident = {
  id: 'F24-001',
  number: 'F24-001',
  type: 'brand' as const,
  priority: 2 as const,
  location: { lat: 47.61, lon: -122.33 },
  address: 'Hauptstraße 1',
  district: 'Mitte',
};
const valid: NewEvent[] = [
  { type: 'unit.status', time: T, unitId: 'E12', status: 3, incidentId: 'F24-001' },
  { type: 'unit.status', time: T, unitId: 'E12', status: 1 },
  { type: 'incident.closed', time: T, incidentId: 'F24-001' },
  { type: 'incident.opened', time: T, incident },
  { type: 'incident.opened', time: T, incident: { ...incident, address: undefined, description: 'Rauch' } },
];

describe('plain events', () => {
  it('stamp what the schema stamps, in the key order the log always had', () => {
    for (const e of valid) {
      const plain = plainEvent(e, R);
      expect(plain, e.type).toBeDefined();
      expect(plain).toEqual(schema(e));
    }
    // The stored text of each kind, as datasets written before have it.
    expect(JSON.stringify(plainEvent(valid[0]!, R))).toBe(
      `{"seq":0,"type":"unit.status","time":${T},"received":${R},"by":"import","unitId":"E12","status":3,"incidentId":"F24-001"}`,
    );
    expect(JSON.stringify(plainEvent(valid[2]!, R))).toBe(
      `{"seq":0,"type":"incident.closed","time":${T},"received":${R},"by":"import","incidentId":"F24-001"}`,
    );
    for (const e of valid.slice(3)) expect(JSON.stringify(plainEvent(e, R))).toBe(JSON.stringify(schema(e)));
  });

  it('leave to the schema what is off or unusual, and the schema then says why', () => {
    const off: [NewEvent, RegExp | undefined][] = [
      [{ type: 'unit.status', time: T, unitId: 'E 12', status: 3 }, /unitId/],
      [{ type: 'unit.status', time: T, unitId: 'E12', status: 10 as 1 }, /status/],
      [{ type: 'unit.status', time: Date.UTC(2101, 0, 1), unitId: 'E12', status: 1 }, /time/],
      [{ type: 'incident.closed', time: T, incidentId: '' }, /incidentId/],
      [{ type: 'incident.opened', time: T, incident: { ...incident, number: 'x'.repeat(33) } }, /number/],
      [{ type: 'incident.opened', time: T, incident: { ...incident, location: { lat: 91, lon: 0 } } }, /lat/],
      [{ type: 'incident.opened', time: T, incident: { ...incident, priority: 4 as 1 } }, /priority/],
      [{ type: 'incident.opened', time: T, incident: { ...incident, type: 'feuer' as 'brand' } }, /type/],
      [{ type: 'incident.opened', time: T, incident: { ...incident, district: '' } }, /district/],
      // Valid, but the schema changes it (trims) or has fields the hand check does not know: schema.
      [
        { type: 'incident.opened', time: T, incident: { ...incident, address: ' Hauptstraße 1 ' } },
        undefined,
      ],
      [{ type: 'incident.opened', time: T, incident: { ...incident, caller: { name: 'A. B.' } } }, undefined],
    ];
    for (const [e, error] of off) {
      expect(plainEvent(e, R), JSON.stringify(e)).toBeUndefined();
      if (error) expect(() => toDraft(7, 0, e, R)).toThrow(RowError);
      if (error) expect(() => toDraft(7, 0, e, R)).toThrow(error);
      else expect(toDraft(7, 0, e, R).event).toEqual(schema(e));
    }
    expect(toDraft(7, 0, off[9]![0], R).event).toMatchObject({ incident: { address: 'Hauptstraße 1' } });
  });
});
