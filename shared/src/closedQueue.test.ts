import { describe, expect, it } from 'vitest';
import { ClosedQueue } from './closedQueue.ts';
import { apply, foldInto } from './reducer.ts';
import { CLOSED_INCIDENT_RETENTION_MS, emptyPicture, type Picture } from './picture.ts';
import type { LageEvent } from './schemas.ts';

let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

describe('ClosedQueue', () => {
  it('gives entries back earliest first, against a sorted copy', () => {
    const q = new ClosedQueue();
    const all: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = Math.floor(rnd() * 500);
      q.push(t, `i${i}`);
      all.push(t);
      if (rnd() < 0.3) {
        all.sort((a, b) => a - b);
        expect(q.pop()![0]).toBe(all.shift());
      }
    }
    all.sort((a, b) => a - b);
    const rest: number[] = [];
    while (q.size) rest.push(q.pop()![0]);
    expect(rest).toEqual(all);
  });
});

describe('dropping closed incidents past retention', () => {
  it('keeps the same incidents as folding one event at a time (a full scan at every opening)', () => {
    const H = 3_600_000;
    const events: LageEvent[] = [];
    let time = Date.UTC(2026, 0, 1);
    const open = new Set<string>();
    for (let seq = 1; seq <= 3000; seq++) {
      time += Math.floor(rnd() * 0.5 * H);
      const r = rnd();
      const base = { seq, time, received: time };
      if (r < 0.45 || open.size === 0) {
        // Ids repeat: a reopened id is a new incident with the same id.
        const id = `E${Math.floor(rnd() * 400)}`;
        open.add(id);
        const incident = {
          id,
          number: id,
          type: 'brand' as const,
          priority: 2 as const,
          location: { lat: 53, lon: 10 },
        };
        events.push({ ...base, type: 'incident.opened', incident });
      } else if (r < 0.9) {
        const id = [...open][Math.floor(rnd() * open.size)]!;
        open.delete(id);
        // Now and then closed at a time earlier than events already folded (late input).
        const at = rnd() < 0.2 ? time - Math.floor(rnd() * 20 * H) : time;
        events.push({ ...base, time: at, type: 'incident.closed', incidentId: id });
      } else {
        const id = `E${Math.floor(rnd() * 400)}`;
        events.push({ ...base, type: 'incident.updated', incidentId: id, patch: { state: 'abgeschlossen' } });
      }
    }
    const oneByOne = events.reduce(apply, emptyPicture());
    const inOneFold = foldInto(emptyPicture(), events);
    const inParts: Picture = emptyPicture();
    for (let i = 0; i < events.length; i += 97) foldInto(inParts, events.slice(i, i + 97));
    expect(inOneFold).toEqual(oneByOne);
    expect(inParts).toEqual(oneByOne);
    // The test means something: incidents were dropped, and closed ones are still held too.
    const closed = Object.values(oneByOne.incidents).filter((i) => i.times.closed !== undefined);
    expect(Object.keys(oneByOne.incidents).length).toBeLessThan(400);
    expect(closed.length).toBeGreaterThan(0);
    expect(CLOSED_INCIDENT_RETENTION_MS).toBeLessThan(time - Date.UTC(2026, 0, 1));
  });
});
