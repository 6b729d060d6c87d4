/**
 * The hand-checked events (plainEvents.ts) against the shared schema: what they stamp is what the
 * schema stamps, and whatever they are not sure of goes to the schema (which then says why).
 */
import { describe, expect, it } from 'vitest';
import { lageEventSchema, type NewEvent } from '#shared/schemas';
import { RowError } from './cells.ts';
import { closedDraft, statusDraft, toDraft } from './drafts.ts';
import { plainEvent, plainJson } from './plainEvents.ts';

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

  it('are written by plainJson as JSON.stringify writes them, once stamped; only status and closing', () => {
    const ids = ['E12', 'a.b_c:d-9', 'x'.repeat(64), 'F24-001'];
    let marked = 0;
    for (const e of valid) {
      for (const [seq, time] of [
        [1, T],
        [123_456_789, Date.UTC(2099, 11, 31, 23, 59, 59, 999)],
      ] as const) {
        const draft = toDraft(7, 0, { ...e, time }, R);
        draft.event.seq = seq;
        draft.event.received = R + seq;
        if (!draft.plain) continue;
        marked++;
        expect(plainJson(draft.event)).toBe(JSON.stringify(draft.event));
      }
    }
    expect(marked, 'both status changes and the closing, twice each').toBe(6);
    for (const id of ids)
      for (const status of [0, 4, 9] as const) {
        const draft = toDraft(1, 0, { type: 'unit.status', time: T, unitId: id, status, incidentId: id }, R);
        expect(draft.plain).toBe(true);
        expect(plainJson(draft.event)).toBe(JSON.stringify(draft.event));
      }
    // Anything the schema stamped (an opening; a status with a "by" of its own) is not marked.
    expect(toDraft(1, 0, valid[3]!, R).plain).toBe(false);
    const withBy = { type: 'unit.status', time: T, unitId: 'E12', status: 1, by: 'x' } as NewEvent;
    expect(toDraft(1, 0, withBy, R).plain).toBeUndefined();
    expect(() => plainJson(toDraft(1, 0, valid[3]!, R).event)).toThrow('not a plain event');
  });

  it('statusDraft and closedDraft give what toDraft gives for the same event, errors included', () => {
    const cases: [string, number, number, string | undefined][] = [
      ['E12', T, 3, 'F24-001'],
      ['E12', T, 1, undefined],
      ['E 12', T, 3, 'F24-001'],
      ['E12', Date.UTC(2101, 0, 1), 1, undefined],
      ['E12', T, 4, ''],
    ];
    const outcome = (f: () => unknown) => {
      try {
        return f();
      } catch (err) {
        return `${(err as Error).constructor.name}: ${(err as Error).message}`;
      }
    };
    for (const [unitId, time, status, incidentId] of cases) {
      const e = {
        type: 'unit.status',
        time,
        unitId,
        status,
        ...(incidentId === undefined ? {} : { incidentId }),
      };
      expect(outcome(() => statusDraft(3, 1, time, unitId, status, incidentId, R))).toEqual(
        outcome(() => toDraft(3, 1, e as NewEvent, R)),
      );
    }
    for (const [time, incidentId] of [
      [T, 'F24-001'],
      [T, 'bad id'],
    ] as const)
      expect(outcome(() => closedDraft(3, 4, time, incidentId, R))).toEqual(
        outcome(() => toDraft(3, 4, { type: 'incident.closed', time, incidentId }, R)),
      );
    expect(outcome(() => statusDraft(3, 1, T, 'E 12', 3, 'F1', R))).toMatch(/^RowError: .*unitId/);
  });
});
