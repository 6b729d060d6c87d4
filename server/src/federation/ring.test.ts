/**
 * Three real servers in a ring A→B→C→A (A takes in B's picture, B takes C's, C takes A's), each
 * sharing everything it may. Nothing loops: every server holds its own units and its upstream's,
 * never what its upstream got from a third (no `b:c:…`), and nobody even offers it (nothing refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { post, startTestServer, tempDir } from '../testing/harness.ts';
import { freePort } from '../testing/pgCluster.ts';
import { prepareSharing, until } from '../testing/federation.ts';

const ALL = { districts: '*', kinds: '*', unitFields: ['position', 'incident'], incidentFields: ['address'] };
const NAMES = ['a', 'b', 'c'] as const;
const servers: LageServer[] = [];

beforeAll(async () => {
  const ports = await Promise.all(NAMES.map(() => freePort()));
  const dirs = NAMES.map(() => tempDir('lagebild-ring-'));
  // Server i shares with its downstream (i-1: the one that subscribes to it) as device "down".
  const tokens = dirs.map((d) => prepareSharing(d, { down: ALL })['down']!);
  for (let i = 0; i < 3; i++) {
    const up = (i + 1) % 3;
    servers.push(
      await startTestServer(
        {
          port: ports[i]!,
          federate: [{ name: NAMES[up]!, url: `http://127.0.0.1:${ports[up]}`, token: tokens[up]! }],
        },
        dirs[i],
      ),
    );
  }
  for (const [i, s] of servers.entries())
    expect(
      (
        await post(s.url, 'units', [
          { id: `u-${NAMES[i]}`, callsign: `Ring ${NAMES[i]}`, kind: 'funkstreifenwagen', district: 'X' },
        ])
      ).status,
    ).toBe(202);
});

afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('a ring of three servers', () => {
  it('each holds its own units and its upstream’s, nothing passed on', async () => {
    const [a, b, c] = servers as [LageServer, LageServer, LageServer];
    await until('one hop everywhere', () =>
      [a.lage.picture.units['b:u-b'], b.lage.picture.units['c:u-c'], c.lage.picture.units['a:u-a']].every(
        Boolean,
      ),
    );
    // A marker around the ring after everything else: once each has its upstream's marker, whatever
    // was committed before it upstream has arrived too (batches are contiguous).
    for (const [i, s] of servers.entries())
      await post(s.url, 'units', [
        { id: 'mark', callsign: `M ${NAMES[i]}`, kind: 'motorrad', district: 'X' },
      ]);
    await until('the markers', () =>
      [a.lage.picture.units['b:mark'], b.lage.picture.units['c:mark'], c.lage.picture.units['a:mark']].every(
        Boolean,
      ),
    );
    const ids = (s: LageServer) => Object.keys(s.lage.picture.units).sort();
    expect(ids(a)).toEqual(['b:mark', 'b:u-b', 'mark', 'u-a']);
    expect(ids(b)).toEqual(['c:mark', 'c:u-c', 'mark', 'u-b']);
    expect(ids(c)).toEqual(['a:mark', 'a:u-a', 'mark', 'u-c']);
    for (const s of servers) {
      expect(s.federation.peers()[0]).toMatchObject({ connected: true, refused: 0 });
      // Every stored foreign event carries one namespace, from the upstream only.
      const foreign = s.lage.log.range(0, s.lage.seq).filter((e) => e.by?.startsWith('fed:'));
      expect(foreign.length).toBeGreaterThan(0);
      expect(new Set(foreign.map((e) => e.by)).size).toBe(1);
      expect(foreign.map((e) => JSON.stringify(e)).filter((j) => /"[abc]:[abc]:/.test(j))).toEqual([]);
    }
  });
});
