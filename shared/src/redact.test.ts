import { describe, expect, it } from 'vitest';
import { FULL_VIEW, policyFor, policyKey, redactEvent, redactPicture } from './redact.ts';
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
    expect(redactEvent(pos, policyFor(['operator'], ['Nord']), (id) => picture.units[id])).toBeUndefined();
    expect(redactEvent(pos, policyFor(['operator'], ['Süd']), (id) => picture.units[id])).toBe(pos);
  });
});
