/**
 * The live client given several servers (nodes of one PostgreSQL cluster, docs/scale-out.md): two
 * real `npm run serve` processes on a real PostgreSQL, the node the client is on SIGKILLed while
 * writes go on through the other. The client moves to the other node by itself and resumes from
 * its own seq: no fresh picture, no resync, no gap, the same picture as the whole log folded.
 * Runs in Node through server/src/public.ts (eslint.config.js, renderer/tsconfig.server-tests.json).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import { TEST_TOKEN, defaultToken, withPgCluster } from '../../../server/src/public.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';
import { attachSource } from '../source/attach.ts';
import { liveSource } from './liveClient.ts';

const pgt = withPgCluster('live client failover over several nodes');

afterEach(() => {
  sourceStore.setState(sourceStore.getInitialState(), true);
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
});

async function ingest(url: string, kind: string, items: unknown[]): Promise<number> {
  const res = await fetch(`${url}/api/v1/ingest/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
    body: JSON.stringify(items),
  });
  if (res.status !== 202) throw new Error(`ingest ${kind}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { seq: number }).seq;
}

const units = Array.from({ length: 10 }, (_, i) => ({
  id: `u${i}`,
  callsign: `K ${i}`,
  kind: 'funkstreifenwagen',
  district: 'Köln-Mitte',
  status: 2,
}));

describe.skipIf(pgt.missing)('live client with several servers', () => {
  it('moves to the next node when its node is SIGKILLed and resumes there from its own seq', async () => {
    const a = await pgt.spawnNode();
    const b = await pgt.spawnNode();
    await ingest(a.url, 'units', units);
    // The session of node a is shared through PostgreSQL: it works on b too.
    const detach = attachSource(liveSource([a.url, b.url], { token: defaultToken(a.url) ?? '' }));
    try {
      await vi.waitFor(() => expect(pictureStore.getState().picture.seq).toBe(10), { timeout: 60_000 });
      expect(connectionStore.getState()).toMatchObject({ presence: 'live', serverUrl: a.url });

      let stop = false;
      let acked = 10;
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const fix = { unitId: `u${i % 10}`, lat: 50.9 + i * 1e-5, lon: 6.95, time: Date.now() };
          acked = Math.max(acked, await ingest(b.url, 'positions', [fix]));
        }
      })();
      await vi.waitFor(() => expect(pictureStore.getState().picture.seq).toBeGreaterThan(20), {
        timeout: 60_000,
      });
      const killedAt = Date.now();
      a.child.kill('SIGKILL');
      await vi.waitFor(
        () => expect(connectionStore.getState()).toMatchObject({ presence: 'live', serverUrl: b.url }),
        { timeout: 30_000, interval: 20 },
      );
      const backAfterMs = Date.now() - killedAt;
      const before = acked;
      await vi.waitFor(() => expect(acked).toBeGreaterThan(before + 5), { timeout: 30_000 });
      stop = true;
      await writer;
      console.log(`live client on the other node ${backAfterMs} ms after its node was SIGKILLed`);
      expect(backAfterMs).toBeLessThanOrEqual(5_000);

      const log = await pgt.events();
      expect(log.length).toBeGreaterThanOrEqual(acked);
      await vi.waitFor(() => expect(pictureStore.getState().picture.seq).toBe(log.length), {
        timeout: 60_000,
      });
      // Resumed from its own seq: the first snapshot only, no resync asked, the whole log's picture.
      expect(pictureStore.getState().epoch).toBe(1);
      expect(connectionStore.getState().resyncs).toBe(0);
      const folded = { ...applyAll(emptyPicture(), log), seq: log.length };
      expect(pictureStore.getState().picture).toEqual(folded);
    } finally {
      detach();
    }
  });
});
