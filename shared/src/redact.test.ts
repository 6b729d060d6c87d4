import { describe, expect, it } from 'vitest';
import { FULL_VIEW, policyFor, policyKey, redactEvent, redactPicture, type EventLookup } from './redact.ts';
import type { Picture } from './picture.ts';
import type { Unit } from './domain.ts';
import type { LageEvent } from './schemas.ts';

const T = Date.UTC(2026, 10, 26);
const unit = (id: string, kind: Unit['kind'], district: string): Unit => ({
  id,
  callsign: `K ${id}`,
  kind,
  district,
  status: 2,
  statusSince: T,
  position: { lat: 50.9, lon: 6.9, time: T },
});
const picture: Picture = {
  seq: 9,
  units: {
    a: unit('a', 'funkstreifenwagen', 'Nord'),
    b: unit('b', 'handfunkgeraet', 'Nord'),
    c: unit('c', 'motorrad', 'Süd'),
  },
  incidents: {
    e: {
      id: 'e',
      number: '1',
      type: 'streitigkeit',
      priority: 2,
      state: 'neu',
      location: { lat: 50.9, lon: 6.9 },
      district: 'Süd',
      times: { opened: T },
      units: [],
      notes: [{ time: T, author: 'x', text: 'Name des Nachbarn' }],
      caller: { phone: '123' },
      description: 'Details',
    },
  },
};

/** Incident e (Süd) opened at seq 5, n (no district) at seq 6; nothing else was ever opened. */
const lookup: EventLookup = {
  unitOf: (id) => picture.units[id],
  incidentDistrictOf: (id, seq) =>
    id === 'e' && seq >= 5 ? 'Süd' : id === 'n' && seq >= 6 ? null : undefined,
};

describe('view policies', () => {
  it('derives policies from roles', () => {
    expect(policyFor(['operator'])).toEqual({ personal: true, handhelds: true });
    expect(policyFor(['wall'])).toEqual({ personal: false, handhelds: false });
    expect(policyKey(policyFor(['operator'], ['Süd', 'Nord']))).toBe('PH:Nord|Süd');
  });

  it('leaves the full view untouched and strips personal data and handheld positions for a wall', () => {
    expect(redactPicture(picture, FULL_VIEW)).toBe(picture);
    const wall = redactPicture(picture, policyFor(['wall']));
    expect(wall.units['b']?.position).toBeUndefined();
    expect(wall.units['a']?.position).toBeDefined();
    expect(wall.incidents['e']).toMatchObject({ notes: [] });
    expect(wall.incidents['e']?.caller).toBeUndefined();
    expect(wall.incidents['e']?.description).toBeUndefined();
    expect(picture.incidents['e']?.caller).toEqual({ phone: '123' }); // input untouched
  });

  it('limits a district operator to its districts', () => {
    const nord = redactPicture(picture, policyFor(['operator'], ['Nord']));
    expect(Object.keys(nord.units)).toEqual(['a', 'b']);
    expect(nord.incidents).toEqual({});
    const pos = {
      seq: 10,
      time: T,
      received: T,
      type: 'unit.position',
      unitId: 'c',
      lat: 1,
      lon: 1,
    } as LageEvent;
    expect(redactEvent(pos, policyFor(['operator'], ['Nord']), lookup)).toBeUndefined();
    expect(redactEvent(pos, policyFor(['operator'], ['Süd']), lookup)).toBe(pos);
  });
});

describe('the district rule for incident-related events', () => {
  const base = { seq: 20, time: T, received: T };
  const nord = policyFor(['operator'], ['Nord']);
  const sued = policyFor(['operator'], ['Süd']);
  const events: LageEvent[] = [
    { ...base, type: 'incident.note', incidentId: 'e', text: 'Name des Nachbarn' },
    { ...base, type: 'incident.updated', incidentId: 'e', patch: { address: 'Hauptstr. 1' } },
    { ...base, type: 'incident.updated', incidentId: 'e', patch: { location: { lat: 50.7, lon: 7.1 } } },
    { ...base, type: 'incident.assigned', incidentId: 'e', unitId: 'c' },
    { ...base, type: 'incident.closed', incidentId: 'e' },
  ];

  it("decides notes, updates, assignments and closures by the incident's district", () => {
    for (const e of events) {
      expect(redactEvent(e, nord, lookup), e.type).toBeUndefined();
      expect(redactEvent(e, sued, lookup), e.type).toBe(e);
      expect(redactEvent(e, FULL_VIEW, lookup), e.type).toBe(e);
    }
  });

  it('shows events of an incident without a district to everyone, hides those of an unknown one', () => {
    const note: LageEvent = { ...base, type: 'incident.note', incidentId: 'n', text: 'x' };
    expect(redactEvent(note, nord, lookup)).toBe(note);
    // Not opened (yet) at the event's seq: nothing says it is Nord's.
    const early: LageEvent = { ...note, seq: 4, incidentId: 'e' };
    expect(redactEvent(early, sued, lookup)).toBeUndefined();
    expect(redactEvent(early, FULL_VIEW, lookup)).toBe(early);
  });

  it('keeps the status of an own unit but not the incident of another district it names', () => {
    const status: LageEvent = { ...base, type: 'unit.status', unitId: 'a', status: 3, incidentId: 'e' };
    expect(redactEvent(status, nord, lookup)).toEqual({
      ...base,
      type: 'unit.status',
      unitId: 'a',
      status: 3,
    });
    expect(redactEvent(status, sued, lookup)).toBeUndefined(); // unit a is Nord's
    expect(redactEvent({ ...status, unitId: 'c' }, sued, lookup)).toEqual({ ...status, unitId: 'c' });
  });

  it("removes from the picture a unit's binding to an incident of another district", () => {
    const bound: Picture = {
      ...picture,
      units: { ...picture.units, a: { ...picture.units['a']!, status: 3, incidentId: 'e' } },
    };
    const a = redactPicture(bound, nord).units['a'];
    expect(a?.status).toBe(3);
    expect(a && 'incidentId' in a).toBe(false);
    expect(redactPicture(bound, policyFor(['operator'], ['Nord', 'Süd'])).units['a']?.incidentId).toBe('e');
  });
});
