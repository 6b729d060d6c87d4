import { describe, expect, it } from 'vitest';
import { CALL_TYPES, type CallType } from '#shared/domain';
import { localTime, rateFactor } from './clock.ts';
import { Arrivals, createCall } from './incidents.ts';
import { createRng } from './prng.ts';
import { FRIDAY_EVENING, gridWorld, run, scenario } from './testing.ts';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 10, 23, 0); // 01:00 in Düsseldorf

describe('incident arrivals', () => {
  it('averages the configured rate over whole weeks', () => {
    const arrivals = new Arrivals(createRng(9, 'arrivals'), 20);
    let count = 0;
    const weeks = 4;
    for (let t = MONDAY; t < MONDAY + weeks * 168 * HOUR; t += 60_000) count += arrivals.step(t, 60_000);
    const expected = 20 * 168 * weeks; // 13,440; Poisson spread about ±116
    expect(Math.abs(count - expected) / expected).toBeLessThan(0.05);
  });

  it('follows the time of day: busy evenings, quiet early mornings, lively weekend nights', () => {
    const at = (day: number, hour: number) => rateFactor(MONDAY + (day * 24 + hour - 1) * HOUR);
    expect(localTime(MONDAY + 17 * HOUR)).toEqual({ weekday: 0, hour: 18 });
    expect(at(1, 18)).toBeGreaterThan(2.5 * at(1, 4));
    expect(at(5, 2)).toBeGreaterThan(1.8 * at(1, 2)); // Saturday 02:00 vs Tuesday 02:00
    let sum = 0;
    for (let h = 0; h < 168; h++) sum += rateFactor(MONDAY + h * HOUR);
    expect(sum / 168).toBeCloseTo(1, 6);
  });

  it('opens incidents in a running scenario at about the expected rate', () => {
    const s = scenario({ seed: 11, ratePerHour: 30, units: 20 });
    const messages = run(s, 6 * 60);
    let expected = 0;
    for (let t = FRIDAY_EVENING; t < FRIDAY_EVENING + 6 * HOUR; t += 60_000)
      expected += (30 * rateFactor(t)) / 60;
    const opened = messages
      .flatMap((m) => (m.kind === 'incidents' ? m.items : []))
      .filter((i) => i.op === 'open');
    expect(opened.length).toBeGreaterThan(0.7 * expected);
    expect(opened.length).toBeLessThan(1.3 * expected);
    expect(new Set(opened.map((i) => i.id)).size).toBe(opened.length);
    expect(opened[0]).toMatchObject({ number: '2026-000001' });
    expect(opened[0]!.id).toMatch(/^E-11-[0-9a-z]+-1$/);
  });
});

describe('call content', () => {
  const g = gridWorld().graph;
  const rng = createRng(4, 'calls');
  const calls = Array.from({ length: 3000 }, (_, i) => createCall(rng, g, FRIDAY_EVENING + i * 60_000));
  const count = (type: CallType) => calls.filter((c) => c.type === type).length;

  it('mixes many call types with frequent accidents and rare fires', () => {
    const types = new Set(calls.map((c) => c.type));
    expect(types.size).toBeGreaterThanOrEqual(12);
    for (const t of types) expect(CALL_TYPES).toContain(t);
    expect(count('verkehrsunfall')).toBeGreaterThan(4 * count('brand'));
    expect(count('ruhestoerung')).toBeGreaterThan(count('raub'));
    expect(new Set(calls.map((c) => c.priority))).toEqual(new Set([1, 2, 3]));
  });

  it('gives plausible addresses and clearly fictional caller data', () => {
    const withAddress = calls.filter((c) => c.address !== undefined);
    expect(withAddress.length).toBeGreaterThan(0.95 * calls.length);
    for (const c of withAddress.slice(0, 100)) expect(c.address).toMatch(/^\S.* \d{1,3}[ab]?$/);
    const callers = calls.flatMap((c) => (c.caller ? [c.caller] : []));
    expect(callers.length).toBeGreaterThan(0.4 * calls.length);
    expect(callers.length).toBeLessThan(0.8 * calls.length);
    for (const c of callers) {
      expect(c.phone).toMatch(/^0000 \d{6}$/);
      expect(c.name).toMatch(/Muster|Beispiel|Probe|Platzhalter|Testmann|Fiktiv/);
    }
  });
});
