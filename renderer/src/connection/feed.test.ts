// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION, encodeBatch } from '#shared/wire';
import { receiveBasemapChanged, receiveBatch, receiveSnapshot } from './feed.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { basemapStore } from '../basemap/basemapStore.ts';
import type { BasemapSummary } from '../basemap/summary.ts';

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const info = { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: T0 };

const registered = (seq: number, id: string): LageEvent => ({
  type: 'unit.registered',
  seq,
  time: T0,
  received: T0,
  unit: { id, callsign: `K ${id}`, kind: 'funkstreifenwagen', district: 'Köln', status: 2 },
});
const position = (seq: number, id: string, lat: number): LageEvent => ({
  type: 'unit.position',
  seq,
  time: T0 + seq,
  received: T0 + seq,
  unitId: id,
  lat,
  lon: 6.95,
});
const batch = (from: number, to: number, events: LageEvent[]) =>
  encodeBatch({ from, to, events, now: T0 + to });

beforeEach(() => {
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
  basemapStore.setState(basemapStore.getInitialState(), true);
});

describe('receiveSnapshot', () => {
  it('replaces the picture and records the server time', () => {
    const out = receiveSnapshot({ picture: { seq: 7, units: {}, incidents: {} }, info }, T0 + 50);
    expect(out).toEqual({ kind: 'applied', seq: 7 });
    expect(pictureStore.getState()).toMatchObject({ loaded: true, staleAfterMs: 60_000, epoch: 1 });
    expect(pictureStore.getState().picture.seq).toBe(7);
    expect(connectionStore.getState()).toMatchObject({
      lastServerNow: T0,
      lastDataAt: T0 + 50,
      clockOffsetMs: 50,
    });
  });

  it('rejects an invalid snapshot with a clear reason and keeps the picture', () => {
    const out = receiveSnapshot({ picture: { seq: -1, units: {}, incidents: {} }, info });
    expect(out.kind).toBe('invalid');
    expect(out.kind === 'invalid' && out.detail).toMatch(/^snapshot: picture\.seq/);
    expect(pictureStore.getState().loaded).toBe(false);
    expect(connectionStore.getState().invalidPayloads).toBe(1);
  });
});

describe('receiveBatch: contiguity', () => {
  it('folds a batch that continues the picture with the shared reducer', () => {
    receiveSnapshot({ picture: { seq: 0, units: {}, incidents: {} }, info });
    expect(receiveBatch(batch(1, 2, [registered(1, 'a'), position(2, 'a', 50.9)]))).toEqual({
      kind: 'applied',
      seq: 2,
    });
    const { picture } = pictureStore.getState();
    expect(picture.seq).toBe(2);
    expect(picture.units['a']?.position).toMatchObject({ lat: 50.9, lon: 6.95 });
  });

  it('takes the batch end as the seq when coalesced positions left holes', () => {
    receiveSnapshot({ picture: { seq: 0, units: {}, incidents: {} }, info });
    // seq 2 and 3 were positions of 'a' coalesced into seq 4.
    expect(receiveBatch(batch(1, 5, [registered(1, 'a'), position(4, 'a', 51)]))).toEqual({
      kind: 'applied',
      seq: 5,
    });
    expect(pictureStore.getState().picture.seq).toBe(5);
  });

  it('reports a gap (from > seq + 1) and folds nothing', () => {
    receiveSnapshot({ picture: { seq: 0, units: {}, incidents: {} }, info });
    receiveBatch(batch(1, 1, [registered(1, 'a')]));
    expect(receiveBatch(batch(3, 3, [position(3, 'a', 51)]))).toEqual({ kind: 'gap', seq: 1, from: 3 });
    expect(pictureStore.getState().picture.seq).toBe(1);
    expect(pictureStore.getState().picture.units['a']?.position).toBeUndefined();
  });

  it('ignores a batch it already holds (to <= seq)', () => {
    receiveSnapshot({ picture: { seq: 0, units: {}, incidents: {} }, info });
    receiveBatch(batch(1, 2, [registered(1, 'a'), position(2, 'a', 50.9)]));
    const before = pictureStore.getState().picture;
    expect(receiveBatch(batch(1, 2, [registered(1, 'a'), position(2, 'a', 12)]))).toEqual({
      kind: 'duplicate',
      seq: 2,
    });
    expect(pictureStore.getState().picture).toBe(before);
  });

  it('folds only the new part of an overlapping batch (after a resync)', () => {
    receiveSnapshot({ picture: { seq: 0, units: {}, incidents: {} }, info });
    receiveBatch(batch(1, 2, [registered(1, 'a'), position(2, 'a', 50.9)]));
    const out = receiveBatch(
      batch(1, 3, [registered(1, 'a'), position(2, 'a', 50.9), position(3, 'a', 51.1)]),
    );
    expect(out).toEqual({ kind: 'applied', seq: 3 });
    expect(pictureStore.getState().picture.units['a']?.position?.lat).toBe(51.1);
  });

  it('rejects malformed batches without touching the picture', () => {
    receiveSnapshot({ picture: { seq: 0, units: {}, incidents: {} }, info });
    expect(
      receiveBatch({ from: 1, to: 1, events: [{ type: 'unit.teleported', seq: 1 }], now: T0 }).kind,
    ).toBe('invalid');
    expect(receiveBatch({ from: 5, to: 2, events: [], now: T0 }).kind).toBe('invalid');
    expect(receiveBatch('nonsense').kind).toBe('invalid');
    expect(pictureStore.getState().picture.seq).toBe(0);
    expect(connectionStore.getState().invalidPayloads).toBe(3);
  });
});

describe('receiveBasemapChanged', () => {
  const summary: BasemapSummary = {
    kind: 'none',
    style: null,
    overlaysInStyle: false,
    archive: null,
    attribution: null,
    overlays: [],
  };

  it('reloads the basemap as after saving here: summary forgotten, revision bumped', () => {
    basemapStore.setState({ summary, error: 'old failure' });
    expect(receiveBasemapChanged({ changedAt: T0 })).toEqual({ kind: 'reloaded', changedAt: T0 });
    expect(basemapStore.getState()).toMatchObject({ summary: null, error: null, revision: 1 });
    receiveBasemapChanged({ changedAt: T0 + 1 });
    expect(basemapStore.getState().revision).toBe(2);
    expect(connectionStore.getState().invalidPayloads).toBe(0);
  });

  it('rejects a malformed message like any payload and leaves the basemap alone', () => {
    basemapStore.setState({ summary });
    for (const raw of [undefined, null, 'reload', {}, { changedAt: 'now' }, { changedAt: -1 }]) {
      expect(receiveBasemapChanged(raw).kind).toBe('invalid');
    }
    const out = receiveBasemapChanged({ changedAt: 1.5 });
    expect(out.kind === 'invalid' && out.detail).toMatch(/^basemapChanged: changedAt/);
    expect(basemapStore.getState()).toMatchObject({ summary, revision: 0 });
    expect(connectionStore.getState()).toMatchObject({ invalidPayloads: 7 });
    expect(connectionStore.getState().error).toMatch(/^basemapChanged:/);
  });
});
