// @vitest-environment happy-dom
// The replay's controls and keyboard in a DOM: keys reach the controller (not while typing), the
// loading state reads "Puffern …", errors offer a retry, the help lists the keys, speeds change.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplayController } from './controller.ts';
import { ReplayControls } from './ReplayControls.tsx';
import { useReplayKeys } from './useReplayKeys.ts';
import { replayStore } from './replayStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

class FakeController {
  calls: string[] = [];
  toggle = () => this.calls.push('toggle');
  step = (ms: number) => this.calls.push(`step ${ms}`);
  toStart = () => this.calls.push('start');
  toEnd = () => this.calls.push('end');
  changeSpeed = (dir: number) => this.calls.push(`speed ${dir}`);
  setSpeed = (s: number) => this.calls.push(`setSpeed ${s}`);
  retry = () => this.calls.push('retry');
}

function Harness({ controller }: { controller: ReplayController }) {
  useReplayKeys(controller);
  return (
    <>
      <input data-testid="typing" />
      <ReplayControls controller={controller} />
    </>
  );
}

let host: HTMLDivElement;
let root: Root;
let fake: FakeController;

const key = (k: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...init }));
  });
const $ = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

beforeEach(async () => {
  settingsStore.setState({ language: 'de' });
  replayStore.setState({ ...replayStore.getInitialState(), status: 'ready', from: 0, to: 3_600_000, t: 0 });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  fake = new FakeController();
  await act(async () => root.render(<Harness controller={fake as unknown as ReplayController} />));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('replay controls', () => {
  it('sends the keys to the controller', async () => {
    await key(' ');
    await key('ArrowLeft');
    await key('ArrowRight', { shiftKey: true });
    await key('Home');
    await key('End');
    await key('+');
    await key('-');
    expect(fake.calls).toEqual([
      'toggle',
      'step -10000',
      'step 60000',
      'start',
      'end',
      'speed 1',
      'speed -1',
    ]);
  });

  it('leaves keys alone while the user types in a field, and with Ctrl', async () => {
    await key(' ', {}, $('typing'));
    await key('ArrowLeft', { ctrlKey: true });
    expect(fake.calls).toEqual([]);
  });

  it('shows Puffern while loading or waiting for data, and an error with a retry', async () => {
    expect($('replay-state').textContent).toBe('Bereit');
    await act(async () => replayStore.setState({ status: 'buffering' }));
    expect($('replay-state').textContent).toBe('Puffern …');
    await act(async () => replayStore.setState({ status: 'ready', starved: true }));
    expect($('replay-state').dataset['state']).toBe('buffering');
    await act(async () =>
      replayStore.setState({ status: 'error', starved: false, error: '404: no dataset' }),
    );
    expect($('replay-state').textContent).toContain('Fehler: 404: no dataset');
    await act(async () => $('replay-state').querySelector('button')!.click());
    expect(fake.calls).toEqual(['retry']);
  });

  it('play button shows the state; the speed list offers 0.5x to 3600x; the help lists the keys', async () => {
    expect($('replay-play').textContent).toBe('Abspielen');
    await act(async () => replayStore.setState({ playing: true }));
    expect($('replay-play').textContent).toBe('Anhalten');
    const options = [...$('replay-speed').querySelectorAll('option')].map((o) => o.textContent);
    expect(options).toEqual([
      '0,5×',
      '1×',
      '2×',
      '5×',
      '10×',
      '30×',
      '60×',
      '120×',
      '300×',
      '600×',
      '1800×',
      '3600×',
    ]);
    const select = $('replay-speed') as HTMLSelectElement;
    await act(async () => {
      select.value = '600';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(fake.calls).toEqual(['setSpeed 600']);
    expect($('replay-help').textContent).toContain('Umschalt + ← / →');
    expect($('replay-help').textContent).toContain('1 Minute zurück / vor');
  });
});
