/**
 * listen() (workerCore.ts): what the live socket hears, as the page gets it. Live batches are checked
 * and decoded on the socket's side (in the worker), so the page's main thread does not run the schema
 * over every position; a batch that fails the check reaches the page as it was sent, so the page
 * still reports it as invalid (feed.ts) instead of losing it silently.
 */
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { encodeBatch, type Batch } from '#shared/wire';
import type { LageEvent } from '#shared/schemas';
import { listen } from './workerCore.ts';
import type { SocketHappening } from './workerProtocol.ts';
import { receiveBatch } from './feed.ts';
import { connectionStore } from '../stores/connectionStore.ts';

const T = Date.UTC(2026, 11, 8, 9);

/** The part of a Socket.IO client socket listen() uses, driven by the test. */
function fakeSocket() {
  const named = new Map<string, (...a: unknown[]) => void>();
  let any: ((event: string, ...a: unknown[]) => void) | undefined;
  const socket = {
    on: (event: string, fn: (...a: unknown[]) => void) => named.set(event, fn),
    onAny: (fn: (event: string, ...a: unknown[]) => void) => (any = fn),
  };
  return {
    socket: socket as unknown as Socket,
    hear: (event: string, ...args: unknown[]) => any?.(event, ...args),
    fire: (event: string, ...args: unknown[]) => named.get(event)?.(...args),
  };
}

const events: LageEvent[] = [
  { seq: 10, time: T, received: T, type: 'unit.status', unitId: 'a', status: 3 },
  { seq: 11, time: T, received: T, type: 'unit.position', unitId: 'a', lat: 50.94, lon: 6.96, heading: 90 },
  { seq: 12, time: T, received: T, type: 'unit.position', unitId: 'b', lat: 50.93, lon: 6.95 },
];

describe('listen: what the socket hears, for the page', () => {
  it('hands a live batch over checked and decoded, positions as events in log order', () => {
    const { socket, hear } = fakeSocket();
    const heard: SocketHappening[] = [];
    listen(socket, (h) => heard.push(h));
    const batch: Batch = { from: 10, to: 12, now: T, events };
    // As it travels: JSON, positions as tuples.
    hear('batch', JSON.parse(JSON.stringify(encodeBatch(batch))));
    expect(heard).toHaveLength(1);
    const h = heard[0]!;
    expect(h.kind).toBe('batch');
    if (h.kind !== 'batch') return;
    expect(h.batch.from).toBe(10);
    expect(h.batch.to).toBe(12);
    expect(h.batch.events.map((e) => e.seq)).toEqual([10, 11, 12]);
    expect(h.batch.events[1]).toEqual(events[1]);
  });

  it('passes a batch that fails the check on as it came, and the page reports it invalid', () => {
    const { socket, hear } = fakeSocket();
    const heard: SocketHappening[] = [];
    listen(socket, (h) => heard.push(h));
    // Latitude 91: no place on earth.
    const bad = { from: 1, to: 1, now: T, events: [], positions: [[1, 'a', 91, 6, T, null, null, null]] };
    hear('batch', bad);
    expect(heard).toEqual([{ kind: 'event', event: 'batch', args: [bad], at: expect.any(Number) }]);
    const before = connectionStore.getState().invalidPayloads;
    const h = heard[0]!;
    expect(h.kind === 'event' && receiveBatch(h.args[0]).kind).toBe('invalid');
    expect(connectionStore.getState().invalidPayloads).toBe(before + 1);
  });

  it('passes everything else on unchanged and in order, stamped with when it arrived', () => {
    const { socket, hear, fire } = fakeSocket();
    const heard: SocketHappening[] = [];
    listen(socket, (h) => heard.push(h));
    const before = Date.now();
    fire('connect');
    hear('basemapChanged', { changedAt: T });
    hear('snapshot', { picture: {}, info: {} });
    fire('disconnect', 'transport close');
    expect(heard.map((h) => h.kind)).toEqual(['connect', 'event', 'event', 'disconnect']);
    expect(heard[1]).toMatchObject({ kind: 'event', event: 'basemapChanged', args: [{ changedAt: T }] });
    expect(heard.every((h) => h.at >= before)).toBe(true);
  });
});
