import { describe, expect, it } from 'vitest';
import { openEmergencies, openRequests } from './requests.ts';
import { unit } from '../testing/units.ts';

const T = Date.UTC(2026, 10, 26, 9);

describe('speech-request queue', () => {
  const units = [
    unit('old5', 5, T - 300_000),
    unit('new5', 5, T - 10_000),
    unit('acked5', 5, T - 200_000, { acknowledgedAt: T - 100_000 }),
    unit('again5', 5, T - 50_000, { acknowledgedAt: T - 60_000 }), // acknowledged before it was raised again
    unit('emergency', 0, T - 5_000),
    unit('free', 2, T - 900_000),
  ];

  it('lists open requests: emergencies first, then the oldest', () => {
    expect(openRequests(units).map((u) => u.id)).toEqual(['emergency', 'old5', 'again5', 'new5']);
  });

  it('an acknowledged emergency leaves the alarm; the newest emergency leads', () => {
    const e2 = [...units, unit('e-old', 0, T - 60_000), unit('e-acked', 0, T - 1000, { acknowledgedAt: T })];
    expect(openEmergencies(e2).map((u) => u.id)).toEqual(['emergency', 'e-old']);
  });

  it('a latched emergency (0, then another status) leads the queue and the alarm, aged from its status 0', () => {
    const latched = unit('latched', 2, T - 1000, { emergencySince: T - 400_000 });
    const all = [...units, latched];
    expect(openRequests(all).map((u) => u.id)).toEqual(['latched', 'emergency', 'old5', 'again5', 'new5']);
    expect(openEmergencies(all).map((u) => u.id)).toEqual(['emergency', 'latched']);
  });
});
