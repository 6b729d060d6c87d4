// @vitest-environment happy-dom
/**
 * Issue 13.7: a unit that sends status 0 and then any other status keeps its emergency banner,
 * its horn and its queue entry until an operator acknowledges the emergency. The picture is fed
 * through the real store with real events folded by the shared reducer. happy-dom has no WebAudio,
 * so a minimal AudioContext stands in for the browser's (the horn's own code runs unchanged).
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FmsStatus } from '#shared/domain';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION } from '#shared/wire';
import { foldEvents, pictureStore, replacePicture } from '../../stores/pictureStore.ts';
import { flushPanelPicture } from '../../stores/panelPicture.ts';
import { connectionStore } from '../../stores/connectionStore.ts';
import { settingsStore } from '../../stores/settingsStore.ts';
import { RequestQueue } from '../../panels/requests/RequestQueue.tsx';
import { unit } from '../../testing/units.ts';
import { EmergencyBanner } from './EmergencyBanner.tsx';
import { alarmSound } from './alarmSound.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

class FakeAudioContext {
  state = 'running';
  destination = {};
  private node() {
    const n = {
      frequency: { value: 0 },
      gain: { value: 0 },
      type: '',
      connect: (next: unknown) => next,
      disconnect: () => {},
      start: () => {},
      stop: () => {},
    };
    return n;
  }
  createOscillator() {
    return this.node();
  }
  createGain() {
    return this.node();
  }
  resume() {
    return Promise.resolve();
  }
}

let host: HTMLDivElement;
let root: Root;
let seq = 1;
const T = Date.now() - 120_000;

function status(s: FmsStatus, time: number): LageEvent {
  seq++;
  return { type: 'unit.status', seq, time, received: time, unitId: 'a', status: s };
}
async function fold(e: LageEvent): Promise<void> {
  await act(async () => {
    foldEvents([e], e.seq);
    flushPanelPicture();
  });
}
const banner = () => host.querySelector('[data-testid="emergency-banner"]');
const queueRow = () => host.querySelector<HTMLElement>('[data-testid="request-row"][data-unit-id="a"]');

beforeEach(async () => {
  (globalThis as { AudioContext?: unknown }).AudioContext = FakeAudioContext;
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
  settingsStore.getState().setLanguage('de');
  settingsStore.getState().setSound(true);
  replacePicture(
    { seq: 1, units: { a: unit('a', 2, T), b: unit('b', 2, T) }, incidents: {} },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: Date.now() },
  );
  flushPanelPicture();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () =>
    root.render(
      <>
        <EmergencyBanner />
        <RequestQueue />
      </>,
    ),
  );
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  delete (globalThis as { AudioContext?: unknown }).AudioContext;
});

describe('emergency banner and horn (latched emergency)', () => {
  it('stay after the unit sends 0 then 2, with the new status shown, until the emergency is acknowledged', async () => {
    expect(banner()).toBeNull();
    expect(alarmSound.state).toBe('off');

    await fold(status(0, T + 1000));
    expect(banner()).not.toBeNull();
    expect(alarmSound.state).toBe('playing');

    await fold(status(2, T + 5000));
    // Still there: banner line, horn, queue entry (as an emergency), and the later status as usual.
    expect(host.querySelector('[data-testid="emergency-item"]')?.getAttribute('data-unit-id')).toBe('a');
    expect(host.querySelector('[data-testid="emergency-now"]')?.textContent).toContain('2');
    expect(banner()?.getAttribute('data-sound')).toBe('playing');
    expect(alarmSound.state).toBe('playing');
    expect(queueRow()?.dataset['status']).toBe('2');
    expect(queueRow()?.dataset['emergency']).toBe('true');
    expect(queueRow()?.className).toContain('emergency');

    seq++;
    await fold({ type: 'unit.emergencyAcknowledged', seq, time: T + 9000, received: T + 9000, unitId: 'a' });
    expect(banner()).toBeNull();
    expect(alarmSound.state).toBe('off');
    expect(queueRow()).toBeNull();
  });
});
