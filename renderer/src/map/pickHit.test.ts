import { describe, expect, it } from 'vitest';
import { pickHit, type Candidate } from './pickHit.ts';

const unit = (id: string, x: number, y: number): Candidate => ({ kind: 'unit', id, x, y });
const incident = (id: string, x: number, y: number): Candidate => ({ kind: 'incident', id, x, y });

describe('pickHit', () => {
  it('gives a click on a unit to the unit although an incident marker above it was hit too', () => {
    // The incident at the same place: its marker's middle is 16 px above the place.
    const hits = [incident('e1', 100, 84), unit('u1', 100, 100)];
    expect(pickHit({ x: 101, y: 99 }, hits)?.id).toBe('u1');
  });

  it('gives a click on the incident marker to the incident', () => {
    const hits = [unit('u1', 100, 100), incident('e1', 100, 84)];
    expect(pickHit({ x: 100, y: 82 }, hits)?.id).toBe('e1');
  });

  it('prefers the unit on a near tie and the nearest otherwise', () => {
    expect(pickHit({ x: 0, y: 0 }, [incident('e', 5, 0), unit('u', 0, 6)])?.id).toBe('u');
    expect(pickHit({ x: 0, y: 0 }, [unit('u', 0, 10), incident('e', 3, 0)])?.id).toBe('e');
    expect(pickHit({ x: 0, y: 0 }, [unit('far', 9, 0), unit('near', 1, 0)])?.id).toBe('near');
  });

  it('returns null when nothing was hit', () => {
    expect(pickHit({ x: 0, y: 0 }, [])).toBeNull();
  });
});
