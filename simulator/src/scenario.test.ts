import { describe, expect, it } from 'vitest';
import type { FmsStatus } from '#shared/domain';
import { ingestItemSchemas } from '#shared/schemas';
import { distanceM } from './geo.ts';
import type { Message } from './outbox.ts';
import { run, scenario } from './testing.ts';

/** The FMS status each unit went through, as the server would fold it ("assign" means 3). */
function statusTimeline(messages: Message[]): Map<string, { status: FmsStatus; time: number }[]> {
  const timeline = new Map<string, { status: FmsStatus; time: number }[]>();
  const add = (unitId: string, status: FmsStatus, time: number) =>
    timeline.set(unitId, [...(timeline.get(unitId) ?? []), { status, time }]);
  for (const m of messages) {
    if (m.kind === 'units') for (const u of m.items) add(u.id, u.status ?? 2, u.time ?? 0);
    if (m.kind === 'status') for (const s of m.items) add(s.unitId, s.status, s.time ?? 0);
    if (m.kind === 'incidents') for (const i of m.items) if (i.op === 'assign') add(i.unitId, 3, i.time ?? 0);
  }
  return timeline;
}

describe('scenario engine', () => {
  const messages = run(scenario(), 120);

  it('is deterministic: the same seed gives the same messages, another seed others', () => {
    const a = JSON.stringify(run(scenario({ seed: 5 }), 20));
    const b = JSON.stringify(run(scenario({ seed: 5 }), 20));
    const c = JSON.stringify(run(scenario({ seed: 6 }), 20));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.length).toBeGreaterThan(10_000);
  });

  it('registers every unit first (1 on patrol or 2 at the station), then sends only schema-valid items', () => {
    expect(messages[0]!.kind).toBe('units');
    expect(messages[0]!.items).toHaveLength(60);
    const registered = messages[0]!.kind === 'units' ? messages[0]!.items : [];
    for (const u of registered) expect([1, 2]).toContain(u.status);
    // Every item except positions, and every 25th position (they all come from one function).
    let n = 0;
    const invalid: string[] = [];
    for (const m of messages) {
      for (const item of m.items) {
        if (m.kind === 'positions' && n++ % 25 !== 0) continue;
        if (!ingestItemSchemas[m.kind].safeParse(item).success)
          invalid.push(`${m.kind} ${JSON.stringify(item)}`);
      }
    }
    expect(invalid).toEqual([]);
  });

  it('moves units at plausible speeds between consecutive fixes', () => {
    const last = new Map<string, { lat: number; lon: number; time: number }>();
    const kinds = new Map(messages[0]!.kind === 'units' ? messages[0]!.items.map((u) => [u.id, u.kind]) : []);
    let moving = 0;
    let fastest = { ground: 0, air: 0 };
    for (const m of messages) {
      if (m.kind !== 'positions') continue;
      for (const p of m.items) {
        const prev = last.get(p.unitId);
        const time = p.time ?? 0;
        if (prev) {
          const speed = distanceM(prev.lat, prev.lon, p.lat, p.lon) / ((time - prev.time) / 1000);
          const air = kinds.get(p.unitId) === 'hubschrauber';
          fastest = air
            ? { ...fastest, air: Math.max(fastest.air, speed) }
            : { ...fastest, ground: Math.max(fastest.ground, speed) };
          if (speed > 1) moving++;
        }
        last.set(p.unitId, { lat: p.lat, lon: p.lon, time });
      }
    }
    expect(moving).toBeGreaterThan(10_000);
    // Cars: 30-45 km/h on patrol, up to about 70 km/h on an urgent call; the helicopter about 200 km/h.
    expect(fastest.ground).toBeLessThan(40);
    expect(fastest.ground).toBeGreaterThan(12);
    expect(fastest.air).toBeLessThan(65);
  });

  it('takes dispatched units through the FMS cycle 3 → 4 → (7 → 8 →) 1', () => {
    const allowed: Record<number, FmsStatus[]> = {
      1: [2, 3, 5, 6],
      2: [1, 3, 5, 6],
      3: [4, 1],
      4: [0, 1, 7],
      0: [4],
      5: [1, 2],
      6: [2],
      7: [8],
      8: [1, 2],
    };
    let cycles = 0;
    for (const [unitId, steps] of statusTimeline(messages)) {
      for (let i = 1; i < steps.length; i++) {
        const from = steps[i - 1]!.status;
        const to = steps[i]!.status;
        expect(allowed[from], `${unitId}: ${from} → ${to}`).toContain(to);
        if (from === 4 && to === 1 && steps[i - 2]?.status === 3) cycles++;
      }
    }
    expect(cycles).toBeGreaterThan(20);
  });

  it('closes an incident before its units report 1, and after they reported 4', () => {
    const onScene = new Set<string>();
    const closed = new Set<string>();
    const unitIncident = new Map<string, string>();
    for (const m of messages) {
      if (m.kind === 'incidents') {
        for (const item of m.items) {
          if (item.op === 'assign') unitIncident.set(item.unitId, item.id);
          if (item.op === 'close') closed.add(item.id);
        }
      }
      if (m.kind !== 'status') continue;
      for (const item of m.items) {
        if (item.status === 4) onScene.add(item.incidentId!);
        if (item.status !== 1) continue;
        const inc = unitIncident.get(item.unitId);
        if (inc) expect(closed.has(inc), `${item.unitId} free before ${inc} closed`).toBe(true);
        unitIncident.delete(item.unitId);
      }
    }
    expect(closed.size).toBeGreaterThan(20);
    expect([...closed].filter((id) => onScene.has(id)).length).toBeGreaterThan(0.8 * closed.size);
  });

  it('shows the rarer statuses too: 5, 6, 7, 8 and 0', () => {
    const long = run(scenario({ seed: 3, ratePerHour: 30 }), 12 * 60);
    const seen = new Set<number>();
    for (const m of long) if (m.kind === 'status') for (const s of m.items) seen.add(s.status);
    expect(seen).toEqual(new Set([0, 1, 2, 4, 5, 6, 7, 8]));
  });
});
