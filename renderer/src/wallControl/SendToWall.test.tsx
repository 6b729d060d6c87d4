// @vitest-environment happy-dom
/**
 * "Send to wall" on the details of a unit and an incident and with the W key: hidden in a browser
 * and while no wall is open; otherwise it hands the selection to the bridge and says how many walls
 * got it.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#shared/wire';
import { pictureStore, replacePicture } from '../stores/pictureStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { toastStore } from '../stores/toastStore.ts';
import { handleShortcut } from '../components/useShortcuts.ts';
import { incident } from '../charts/testIncidents.ts';
import { unit } from '../testing/units.ts';
import { SendToWallButton } from './SendToWallButton.tsx';
import { wallsStore } from './wallsStore.ts';
import { display, installFakeBridge, type FakeBridge } from '../platform/testing/fakeBridge.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let host: HTMLDivElement;
let root: Root;
let fake: FakeBridge | null = null;

const desk = display(1, 'Built-in', 0, { primary: true, workstation: true });
const wallA = display(2, 'DELL U2720Q', 1920);
const u = unit('ko-1141', 2, Date.now(), { callsign: 'Köln 11/41' });
const inc = incident('E-2026-0042', 'einbruch', { opened: Date.now() }, { number: '2026-0042' });

async function render(target: { kind: 'unit' | 'incident'; id: string }): Promise<void> {
  await act(async () => root.render(<SendToWallButton target={target} />));
  await act(async () => undefined);
}
const button = () => host.querySelector<HTMLButtonElement>('[data-testid="send-to-wall"]');
const toasts = () => toastStore.getState().toasts.map((x) => `${x.kind}: ${x.text}`);
const key = (k: string) => handleShortcut(new KeyboardEvent('keydown', { key: k }));

beforeEach(() => {
  wallsStore.setState(wallsStore.getInitialState(), true);
  toastStore.setState({ toasts: [] });
  selectionStore.getState().select(null);
  settingsStore.getState().setLanguage('de');
  replacePicture(
    { seq: 1, units: { [u.id]: u }, incidents: { [inc.id]: inc } },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: Date.now() },
  );
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  fake?.uninstall();
  fake = null;
  pictureStore.setState(pictureStore.getInitialState(), true);
});

describe('send to wall button', () => {
  it('is hidden in a browser (no bridge)', async () => {
    await render({ kind: 'unit', id: u.id });
    expect(button()).toBeNull();
    expect(wallsStore.getState().available).toBe(false);
  });

  it('is hidden while no wall is open, even with the bridge', async () => {
    fake = installFakeBridge([desk, wallA], [{ displayId: 7, label: 'Beamer', layout: 'lage' }]);
    await render({ kind: 'unit', id: u.id });
    expect(fake.calls).toEqual([['listDisplays']]);
    expect(button()).toBeNull();
  });

  it('sends a unit to the open walls and names it', async () => {
    fake = installFakeBridge([desk, { ...wallA, wallLayout: 'lage' }]);
    await render({ kind: 'unit', id: u.id });
    expect(button()?.textContent).toContain('An die Wand');
    await act(async () => button()?.click());
    expect(fake.calls.at(-1)).toEqual(['showOnWall', { kind: 'unit', id: 'ko-1141' }]);
    expect(toasts()).toEqual(['ok: Köln 11/41 an 1 Wand/Wände gesendet']);
  });

  it('sends an incident, and says so when no wall took it', async () => {
    fake = installFakeBridge([desk, { ...wallA, wallLayout: 'status' }]);
    fake.delivered = 0;
    await render({ kind: 'incident', id: inc.id });
    await act(async () => button()?.click());
    expect(fake.calls.at(-1)).toEqual(['showOnWall', { kind: 'incident', id: 'E-2026-0042' }]);
    expect(toasts()).toEqual(['error: Keine Wand offen – nichts gesendet']);
  });
});

describe('W sends the selection to the wall', () => {
  it('sends the selected incident when a wall is open', async () => {
    fake = installFakeBridge([desk, { ...wallA, wallLayout: 'lage' }]);
    await render({ kind: 'incident', id: inc.id });
    selectionStore.getState().select({ kind: 'incident', id: inc.id });
    let handled = false;
    await act(async () => void (handled = key('w')));
    expect(handled).toBe(true);
    expect(fake.calls.at(-1)).toEqual(['showOnWall', { kind: 'incident', id: 'E-2026-0042' }]);
    expect(toasts()).toEqual(['ok: 2026-0042 an 1 Wand/Wände gesendet']);
  });

  it('does nothing without a selection, without an open wall, or in a browser', async () => {
    expect(key('W')).toBe(false);
    selectionStore.getState().select({ kind: 'unit', id: u.id });
    expect(key('W')).toBe(false);
    fake = installFakeBridge([desk, wallA]);
    await render({ kind: 'unit', id: u.id });
    expect(key('w')).toBe(false);
    expect(fake.calls).toEqual([['listDisplays']]);
  });
});
