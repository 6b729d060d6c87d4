import { describe, expect, it } from 'vitest';
import { buildFleet } from './callsigns.ts';
import { distanceM } from './geo.ts';
import { createRng } from './prng.ts';
import { KOELN_ROADS, KOELN_STATIONS, run, scenario } from './testing.ts';
import { loadWorld } from './world.ts';

describe('the Köln street network', () => {
  const world = loadWorld({ seed: 1, roadsFile: KOELN_ROADS, stationsFile: KOELN_STATIONS });
  const g = world.graph;

  it('builds one large connected graph from the streets file', () => {
    // 64,564 distinct vertices in the file; all but a few small islands connect.
    expect(g.size).toBeGreaterThan(60_000);
    expect(g.adj.length).toBeGreaterThan(2 * 60_000);
    expect(g.names.length).toBeGreaterThan(5000);
    for (let i = 0; i < g.size; i += 997) {
      expect(g.lat[i]).toBeGreaterThan(50.8);
      expect(g.lat[i]).toBeLessThan(51.1);
      expect(g.off[i + 1]! - g.off[i]!).toBeGreaterThan(0);
    }
  });

  it('finds routes between random nodes that follow the streets', () => {
    const rng = createRng(42, 'routes');
    for (let k = 0; k < 20; k++) {
      const a = rng.int(0, g.size - 1);
      const b = rng.int(0, g.size - 1);
      const route = world.router.route(a, b);
      expect(route, `route ${a} → ${b}`).toBeDefined();
      const straight = distanceM(g.lat[a]!, g.lon[a]!, g.lat[b]!, g.lon[b]!);
      expect(route!.lengthM).toBeGreaterThanOrEqual(straight - 1e-6);
      // Köln's streets are not a maze: a route is rarely more than twice the straight line.
      if (straight > 2000) expect(route!.lengthM).toBeLessThan(2.5 * straight);
      expect(route!.nodes[0]).toBe(a);
      expect(route!.nodes.at(-1)).toBe(b);
    }
  });

  it('places the police stations on the network and names the fleet after them', () => {
    expect(world.stations.length).toBeGreaterThanOrEqual(10);
    expect(world.stations.map((s) => s.name)).toContain('Polizeiwache Ehrenfeld');
    expect(world.stations.some((s) => /zoll|bundespolizei/i.test(s.name))).toBe(false);
    const fleet = buildFleet(60, world.stations, 1);
    expect(new Set(fleet.map((u) => u.callsign)).size).toBe(60);
    expect(
      fleet.filter((u) => u.kind !== 'hubschrauber').every((u) => /^K \d{2}\/\d{2}$/.test(u.callsign)),
    ).toBe(true);
  });

  it('runs a scenario on the real streets: real street names, units dispatched and on scene', () => {
    const messages = run(scenario({ seed: 2, ratePerHour: 60 }, world), 30);
    const incidents = messages.flatMap((m) => (m.kind === 'incidents' ? m.items : []));
    const opened = incidents.filter((i) => i.op === 'open');
    expect(opened.length).toBeGreaterThan(10);
    const streets = new Set(g.names);
    for (const i of opened) {
      const street = i.address?.replace(/(, km \d+,\d| \d+[ab]?)$/, '');
      expect(streets.has(street!), `${i.address}`).toBe(true);
    }
    expect(incidents.filter((i) => i.op === 'assign').length).toBeGreaterThanOrEqual(opened.length);
    const onScene = messages
      .flatMap((m) => (m.kind === 'status' ? m.items : []))
      .filter((s) => s.status === 4);
    expect(onScene.length).toBeGreaterThan(5);
  });
});
