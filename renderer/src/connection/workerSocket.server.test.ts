/**
 * The live socket's worker path against the real Lage server (in process, port 0, real Socket.IO):
 * the worker's code (workerCore.ts) runs on this thread behind a real MessageChannel, which is what
 * a browser worker's postMessage is (structured clone, asynchronous, in order); only the thread is
 * missing, which the browser journey e2e/busy-page.spec.ts covers. Shown here: the token given to
 * the live client reaches the worker's socket, and a page that takes nothing for a while costs the
 * worker a bounded queue and then a resync that brings it to exactly the server's seq.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultToken, startTestServer, type LageServer } from '../../../server/src/public.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';
import { attachSource } from '../source/attach.ts';
import { liveSource } from './liveClient.ts';
import { runSocketWorker, type WorkerScope } from './workerCore.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

const INGEST_TOKEN = 'renderer-worker-socket-test';
/** Small, so a few ingests overflow it (the real bound is workerQueue.ts MAX_QUEUED_EVENTS). */
const TEST_BOUND = 5;
let server: LageServer;

/** A Worker whose script is workerCore.ts on this thread; the page side can be held ("busy"). */
class ChannelWorker {
  static started = 0;
  static held = false;
  static all: ChannelWorker[] = [];
  /** The highest batch `to` any worker's socket has heard (taken by the page or not). */
  static heardTo = 0;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly page: MessagePort;
  private waiting: MessageEvent<FromWorker>[] = [];

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.page = port1;
    const scope: WorkerScope = {
      postMessage: (m) => port2.postMessage(m),
      set onmessage(fn: ((e: MessageEvent<ToWorker>) => void) | null) {
        port2.onmessage = fn as ((e: MessageEvent) => void) | null;
      },
      get onmessage() {
        return null;
      },
      close: () => port2.close(),
    };
    runSocketWorker(scope, TEST_BOUND, (h) => {
      const to = h.kind === 'batch' ? h.batch.to : undefined;
      if (typeof to === 'number') ChannelWorker.heardTo = Math.max(ChannelWorker.heardTo, to);
    });
    port1.onmessage = (e: MessageEvent<FromWorker>) => {
      if (ChannelWorker.held) this.waiting.push(e);
      else this.onmessage?.(e);
    };
    ChannelWorker.started++;
    ChannelWorker.all.push(this);
  }

  postMessage(m: ToWorker): void {
    this.page.postMessage(m);
  }

  terminate(): void {
    this.page.close();
  }

  /** The page is free again: what waited is handled in order. */
  static release(): void {
    ChannelWorker.held = false;
    for (const w of ChannelWorker.all) {
      const waiting = w.waiting;
      w.waiting = [];
      for (const e of waiting) w.onmessage?.(e);
    }
  }
}

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

async function serverSeq(): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/health`);
  return ((await res.json()) as { seq: number }).seq;
}

beforeAll(async () => {
  server = await startTestServer({ ingestToken: INGEST_TOKEN });
  await post('/api/v1/ingest/units', [
    { id: 'w1', callsign: 'W 1', kind: 'funkstreifenwagen', district: 'Köln-Mitte', status: 2 },
  ]);
  vi.stubGlobal('Worker', ChannelWorker);
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server.close();
});
afterEach(() => {
  ChannelWorker.release();
  sourceStore.setState(sourceStore.getInitialState(), true);
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
});

describe('the live socket in its worker', () => {
  it('signs in with the token it was given and follows the server', async () => {
    const before = ChannelWorker.started;
    const source = liveSource(server.url, { token: defaultToken(server.url) ?? '' });
    const detach = attachSource(source);
    await vi.waitFor(() => expect(connectionStore.getState().presence).toBe('live'), { timeout: 60_000 });
    expect(ChannelWorker.started).toBe(before + 1);
    await post('/api/v1/ingest/status', [{ unitId: 'w1', status: 3 }]);
    await vi.waitFor(() => expect(pictureStore.getState().picture.units['w1']?.status).toBe(3), {
      timeout: 60_000,
    });
    expect(source.socketId()).toMatch(/./);
    detach();
  });

  it('is refused without a session, as on the page', async () => {
    const detach = attachSource(liveSource(server.url, { token: 'not-a-session' }));
    await vi.waitFor(() => expect(connectionStore.getState().error ?? '').toMatch(/unauthori[sz]ed/i), {
      timeout: 60_000,
    });
    expect(pictureStore.getState().loaded).toBe(false);
    detach();
  });

  it("gives a busy page each unit's latest position in one batch instead of a resync", async () => {
    const source = liveSource(server.url, { token: defaultToken(server.url) ?? '' });
    const detach = attachSource(source);
    await vi.waitFor(() => expect(pictureStore.getState().loaded).toBe(true), { timeout: 60_000 });
    const resyncs = connectionStore.getState().resyncs;
    const t0 = Date.now();
    ChannelWorker.held = true;
    // Four times the bound in position batches, one unit: compacted in the worker, nothing dropped.
    for (let i = 1; i <= 4 * TEST_BOUND; i++)
      await post('/api/v1/ingest/positions', [
        { unitId: 'w1', lat: 50.9 + i / 1000, lon: 6.95, time: t0 + i },
      ]);
    const target = await serverSeq();
    await vi.waitFor(() => expect(ChannelWorker.heardTo).toBe(target), { timeout: 60_000 });
    ChannelWorker.release();
    await vi.waitFor(() => expect(pictureStore.getState().picture.seq).toBe(target), { timeout: 60_000 });
    expect(pictureStore.getState().picture.units['w1']?.position).toMatchObject({
      lat: 50.9 + (4 * TEST_BOUND) / 1000,
      time: t0 + 4 * TEST_BOUND,
    });
    expect(connectionStore.getState().resyncs).toBe(resyncs);
    detach();
  });

  it('drops what a busy page did not take past its bound, then resyncs to the server seq', async () => {
    const source = liveSource(server.url, { token: defaultToken(server.url) ?? '' });
    const detach = attachSource(source);
    await vi.waitFor(() => expect(pictureStore.getState().loaded).toBe(true), { timeout: 60_000 });
    const resyncs = connectionStore.getState().resyncs;
    ChannelWorker.held = true;
    // Each ingest is a batch: together more than TEST_BOUND events while the page is busy. The last
    // alone is past the bound, so no batch after what was dropped shows the page its gap: only the
    // overflow can.
    for (let i = 0; i < TEST_BOUND; i++) await post('/api/v1/ingest/status', [{ unitId: 'w1', status: 1 }]);
    const last = Array.from({ length: 2 * TEST_BOUND }, (_, i) => ({ unitId: 'w1', status: i % 2 ? 4 : 6 }));
    await post('/api/v1/ingest/status', last);
    const target = await serverSeq();
    // Everything reached the worker before the page takes anything: no later batch shows the gap.
    await vi.waitFor(() => expect(ChannelWorker.heardTo).toBe(target), { timeout: 60_000 });
    ChannelWorker.release();
    await vi.waitFor(() => expect(pictureStore.getState().picture.seq).toBe(target), { timeout: 60_000 });
    expect(pictureStore.getState().picture.units['w1']?.status).toBe(4);
    expect(connectionStore.getState().resyncs).toBeGreaterThan(resyncs);
    expect(connectionStore.getState().presence).toBe('live');
    detach();
  });
});
