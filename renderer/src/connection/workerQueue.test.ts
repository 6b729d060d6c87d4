/**
 * The worker's queue for a page that has not taken its last delivery yet (workerQueue.ts): bounded
 * by the batch events it holds; past the bound the batches go, one overflow says so at the end,
 * and everything that is not a batch stays in order.
 */
import { describe, expect, it } from 'vitest';
import type { SocketHappening } from './workerProtocol.ts';
import { batchSize, DeliveryQueue, MAX_QUEUED_EVENTS } from './workerQueue.ts';

const batch = (events: number, positions: number, at = 1): SocketHappening => ({
  kind: 'event',
  event: 'batch',
  args: [
    {
      from: 1,
      to: 1,
      now: 0,
      events: new Array<unknown>(events).fill({}),
      positions: new Array<unknown>(positions).fill([]),
    },
  ],
  at,
});
const connect: SocketHappening = { kind: 'connect', at: 1 };
const basemap: SocketHappening = { kind: 'event', event: 'basemapChanged', args: [{ changedAt: 1 }], at: 1 };

describe('the worker queue', () => {
  it('counts the events and position tuples of a batch, nothing else', () => {
    expect(batchSize(batch(2, 3))).toBe(6);
    expect(batchSize(connect)).toBe(0);
    expect(batchSize(basemap)).toBe(0);
    expect(batchSize({ kind: 'event', event: 'batch', args: [null], at: 1 })).toBe(1);
    // Checked and decoded in the worker (listen()): positions are events there.
    const event = { seq: 1, time: 0, received: 0, type: 'unit.status', unitId: 'a', status: 2 } as const;
    const checked: SocketHappening = {
      kind: 'batch',
      batch: { from: 1, to: 4, now: 0, events: [event, event, event, event] },
      at: 1,
    };
    expect(batchSize(checked)).toBe(5);
  });

  it('drops checked batches past the bound like the others', () => {
    const event = { seq: 1, time: 0, received: 0, type: 'unit.status', unitId: 'a', status: 2 } as const;
    const q = new DeliveryQueue(3);
    q.push(connect);
    q.push({ kind: 'batch', batch: { from: 1, to: 4, now: 0, events: [event, event, event] }, at: 5 });
    expect(q.trim()).toBe(true);
    expect(q.take()).toEqual([connect, { kind: 'overflow', dropped: 4, at: 5 }]);
  });

  it('holds what arrives in order and hands it over once', () => {
    const q = new DeliveryQueue(100);
    q.push(connect);
    q.push(batch(1, 10));
    q.push(basemap);
    expect(q.queuedEvents).toBe(12);
    expect(q.take()).toEqual([connect, batch(1, 10), basemap]);
    expect(q.length).toBe(0);
    expect(q.queuedEvents).toBe(0);
  });

  it('drops the batches past the bound, keeps the rest in order and ends with one overflow', () => {
    const q = new DeliveryQueue(100);
    q.push(batch(0, 59));
    q.push(connect);
    q.push(batch(0, 39, 7));
    // 60 + 40 = 100: at the bound, nothing dropped yet.
    expect(q.trim()).toBe(false);
    expect(q.length).toBe(3);
    q.push(basemap);
    q.push(batch(0, 0, 9));
    expect(q.trim()).toBe(true);
    expect(q.take()).toEqual([connect, basemap, { kind: 'overflow', dropped: 101, at: 9 }]);
  });

  it('keeps one overflow however often the page falls behind, and counts all that went', () => {
    const q = new DeliveryQueue(10);
    for (let i = 0; i < 5; i++) {
      q.push(batch(0, 10, i));
      q.trim();
    }
    expect(q.take()).toEqual([{ kind: 'overflow', dropped: 55, at: 4 }]);
  });

  it('is bounded by default at the server resume limit', () => {
    const q = new DeliveryQueue();
    for (let i = 0; i < 100; i++) {
      q.push(batch(0, 1_000));
      q.trim();
    }
    expect(q.queuedEvents).toBeLessThanOrEqual(MAX_QUEUED_EVENTS);
    expect(q.length).toBeLessThan(100);
  });
});
