import { beforeEach, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import { foldEvents, pictureStore, replacePicture } from './pictureStore.ts';
import { Trails, TRAIL_WINDOW_MS, trails } from './trails.ts';
import { selectOpenIncidentCount, selectUnitCount } from './selectors.ts';

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const info = { protocol: 1, staleAfterMs: 30_000, batchMs: 100, now: T0 };
const events: LageEvent[] = [
  {
    type: 'unit.registered',
    seq: 1,
    time: T0,
    received: T0,
    unit: { id: 'u1', callsign: 'K 11/12', kind: 'funkstreifenwagen', district: 'Köln' },
  },
  {
    type: 'unit.position',
    seq: 2,
    time: T0 + 1000,
    received: T0 + 1000,
    unitId: 'u1',
    lat: 50.94,
    lon: 6.96,
  },
  {
    type: 'incident.opened',
    seq: 3,
    time: T0 + 2000,
    received: T0 + 2000,
    incident: { id: 'i1', number: 'E-1', type: 'einbruch', priority: 2, location: { lat: 50.95, lon: 6.97 } },
  },
  {
    type: 'unit.status',
    seq: 4,
    time: T0 + 3000,
    received: T0 + 3000,
    unitId: 'u1',
    status: 3,
    incidentId: 'i1',
  },
];

beforeEach(() => {
  pictureStore.setState(pictureStore.getInitialState(), true);
  trails.clear();
});

describe('picture store', () => {
  it('folds events exactly like the shared reducer does', () => {
    replacePicture(emptyPicture(), info);
    foldEvents(events.slice(0, 2), 2);
    foldEvents(events.slice(2), 4);
    expect(pictureStore.getState().picture).toEqual(applyAll(emptyPicture(), events));
    expect(pictureStore.getState().picture.units['u1']).toMatchObject({ status: 3, incidentId: 'i1' });
    expect(selectUnitCount(pictureStore.getState())).toBe(1);
    expect(selectOpenIncidentCount(pictureStore.getState())).toBe(1);
  });

  it('replaces only the units an event touched, so the map can diff by reference', () => {
    replacePicture(applyAll(emptyPicture(), events.slice(0, 1)), info);
    foldEvents(
      [
        {
          type: 'unit.registered',
          seq: 2,
          time: T0,
          received: T0,
          unit: { id: 'u2', callsign: 'K 11/13', kind: 'motorrad', district: 'Köln' },
        },
      ],
      2,
    );
    const before = pictureStore.getState().picture.units;
    foldEvents([{ ...events[1]!, seq: 3 } as LageEvent], 3);
    const after = pictureStore.getState().picture.units;
    expect(after['u2']).toBe(before['u2']);
    expect(after['u1']).not.toBe(before['u1']);
  });

  it('a snapshot bumps the epoch and seeds trails from positions', () => {
    const picture = applyAll(emptyPicture(), events);
    replacePicture(picture, info);
    expect(pictureStore.getState()).toMatchObject({ epoch: 1, loaded: true, staleAfterMs: 30_000 });
    expect(trails.get('u1')).toEqual([{ lon: 6.96, lat: 50.94, time: T0 + 1000 }]);
  });
});

describe('trails', () => {
  it('keeps one point per 10 s, ends at the latest fix and drops points older than the window', () => {
    const t = new Trails();
    for (let s = 0; s <= 20; s++) t.add('u', s, 0, T0 + s * 1000);
    expect(t.get('u').map((p) => p.lon)).toEqual([0, 10, 20]);
    t.add('u', 21, 0, T0 + 21_000);
    expect(t.get('u').at(-1)?.lon).toBe(21);
    t.add('u', 99, 0, T0 + 21_000 + TRAIL_WINDOW_MS + 1);
    expect(t.get('u').every((p) => p.time >= T0 + 21_001)).toBe(true);
    t.add('u', -1, 0, T0);
    expect(t.get('u').at(-1)?.lon).toBe(99);
  });

  it('reports which units changed since the last look', () => {
    const t = new Trails();
    t.add('a', 0, 0, T0);
    t.add('b', 0, 0, T0);
    expect([...t.takeDirty()].sort()).toEqual(['a', 'b']);
    expect(t.takeDirty().size).toBe(0);
    t.add('a', 1, 0, T0 + 1000);
    t.add('a', 9, 0, T0 - 1000);
    expect([...t.takeDirty()]).toEqual(['a']);
  });
});
