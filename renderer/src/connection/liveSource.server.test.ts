/**
 * The live PictureSource against the real Lage server (in process, port 0, real Socket.IO): it is
 * attached as a live source that cannot seek, reports presence through the feed, replaces the
 * picture with the server's snapshot and folds the batches that follow; once detached it writes
 * nothing more. Runs in Node: this file may start the server through server/src/public.ts
 * (eslint.config.js, renderer/tsconfig.server-tests.json).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultToken, startTestServer, type LageServer } from '../../../server/src/public.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';
import { attachSource } from '../source/attach.ts';
import { liveSource } from './liveClient.ts';

const INGEST_TOKEN = 'renderer-live-source-test';
let server: LageServer;

async function ingest(kind: 'units' | 'status', items: unknown[]): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/ingest/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}` },
    body: JSON.stringify(items),
  });
  if (!res.ok) throw new Error(`ingest ${kind}: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  server = await startTestServer({ ingestToken: INGEST_TOKEN });
  await ingest('units', [
    { id: 'u1', callsign: 'K 1', kind: 'funkstreifenwagen', district: 'Köln-Mitte', status: 2 },
  ]);
});
afterAll(() => server.close());
afterEach(() => {
  sourceStore.setState(sourceStore.getInitialState(), true);
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
});

describe('live source against the Lage server', () => {
  it('is live, takes the snapshot, folds batches, and writes nothing once detached', async () => {
    const source = liveSource(server.url, { token: defaultToken(server.url) ?? '' });
    expect([source.kind, source.capabilities]).toEqual(['live', { canSeek: false, canChangeSpeed: false }]);
    const detach = attachSource(source);
    expect(sourceStore.getState().kind).toBe('live');
    await vi.waitFor(() => expect(connectionStore.getState().presence).toBe('live'), { timeout: 60_000 });
    await vi.waitFor(() => expect(pictureStore.getState().picture.units['u1']?.status).toBe(2), {
      timeout: 60_000,
    });
    expect(pictureStore.getState().epoch).toBe(1);

    await ingest('status', [{ unitId: 'u1', status: 3 }]);
    await vi.waitFor(() => expect(pictureStore.getState().picture.units['u1']?.status).toBe(3), {
      timeout: 60_000,
    });
    // A batch continues the picture: no new snapshot, and live data never seeks.
    expect(pictureStore.getState().epoch).toBe(1);
    expect(sourceStore.getState().seekCount).toBe(0);

    detach();
    expect(source.socketId()).toBeUndefined();
    // The client-side close would report an error presence; a detached source reports nothing.
    expect(connectionStore.getState().presence).toBe('live');
  });
});
