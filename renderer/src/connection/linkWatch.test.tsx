// @vitest-environment happy-dom
/**
 * Issue 13.7: a workstation that lost the server dims, says how old its data is, stops its live
 * timers and disables operator actions with the reason, until the link is back. The rule and the
 * clock freeze are checked directly; the panels with the real stores, rendered in happy-dom, on
 * vitest's fake clock so "timers stand still" is checked exactly, not guessed from timing.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '#shared/wire';
import { WALL_SILENCE_MS } from './staleness.ts';
import { connectionStore, noteData, serverNow, setPresence } from '../stores/connectionStore.ts';
import { pictureStore, replacePicture } from '../stores/pictureStore.ts';
import { flushPanelPicture } from '../stores/panelPicture.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { toastStore } from '../stores/toastStore.ts';
import { RequestQueue } from '../panels/requests/RequestQueue.tsx';
import { unit } from '../testing/units.ts';
import { LinkLostBanner } from '../components/LinkLostBanner.tsx';
import { runCommand } from '../components/runCommand.ts';
import { checkLink, linkState, linkStore } from './linkWatch.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.UTC(2026, 10, 26, 9, 30);
const base = { clockOffsetMs: 2_000, confirmedAt: null };

describe('link rule', () => {
  it('is up while live and fresh; before any data nothing is marked', () => {
    expect(linkState({ ...base, presence: 'live', lastDataAt: NOW - 1_000 }, NOW)).toMatchObject({
      lost: false,
    });
    expect(linkState({ ...base, presence: 'connecting', lastDataAt: null }, NOW)).toMatchObject({
      lost: false,
    });
  });

  it('is lost at once when the socket is not live, with the data age and the server time of the data', () => {
    expect(linkState({ ...base, presence: 'reconnecting', lastDataAt: NOW - 3_000 }, NOW)).toEqual({
      lost: true,
      reason: 'disconnected',
      ageMs: 3_000,
      asOf: NOW - 3_000 - 2_000,
    });
    expect(linkState({ ...base, presence: 'error', lastDataAt: NOW }, NOW).lost).toBe(true);
  });

  it('is lost when a live socket stays silent past the limit unless the health probe confirmed it', () => {
    const silent = { ...base, presence: 'live' as const, lastDataAt: NOW - WALL_SILENCE_MS - 1 };
    expect(linkState(silent, NOW)).toMatchObject({ lost: true, reason: 'silent' });
    expect(linkState({ ...silent, confirmedAt: NOW - 1_000 }, NOW)).toMatchObject({
      lost: false,
      ageMs: 1_000,
    });
  });
});

let host: HTMLDivElement;
let root: Root;

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  connectionStore.setState(connectionStore.getInitialState(), true);
  pictureStore.setState(pictureStore.getInitialState(), true);
  linkStore.setState(linkStore.getInitialState(), true);
  toastStore.setState({ toasts: [] });
  settingsStore.getState().setLanguage('de');
  replacePicture(
    { seq: 3, units: { a: unit('a', 5, NOW - 60_000) }, incidents: {} },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: NOW },
  );
  flushPanelPicture();
  setPresence('live');
  noteData(NOW, NOW);
  checkLink(NOW);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () =>
    root.render(
      <>
        <LinkLostBanner />
        <RequestQueue />
      </>,
    ),
  );
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  vi.useRealTimers();
});

const ackButton = () => host.querySelector<HTMLButtonElement>('[data-testid="acknowledge"]');
const waiting = () => host.querySelector('.request .age')?.textContent;
const banner = () => host.querySelector('[data-testid="link-lost-banner"]');
const tick = (ms: number) =>
  act(async () => {
    vi.advanceTimersByTime(ms);
    checkLink();
  });

describe('a workstation that lost the server', () => {
  it('shows the data age, stops its timers and disables actions with the reason, until the link is back', async () => {
    expect(banner()).toBeNull();
    expect(ackButton()?.disabled).toBe(false);
    expect(waiting()).toBe('wartet 1 min');

    await act(async () => setPresence('reconnecting'));
    await tick(1_000);
    expect(banner()?.textContent).toContain('Verbindung zum Lage-Server verloren');
    expect(banner()?.textContent).toContain('Datenalter 1 s');
    expect(connectionStore.getState().frozenAt).toBe(NOW);
    expect(serverNow()).toBe(NOW);
    const button = ackButton();
    expect(button?.disabled).toBe(true);
    expect(button?.title).toMatch(/^Gesperrt: keine Verbindung zum Lage-Server/);

    // A minute later: the data age in the banner counts on, the queue's timer stands still.
    await tick(60_000);
    expect(banner()?.textContent).toContain('Datenalter 1 min');
    expect(waiting()).toBe('wartet 1 min');
    expect(serverNow()).toBe(NOW);

    // Shortcuts reach runCommand: refused here with the same reason, nothing sent.
    const r = await runCommand({ cmd: 'acknowledge', unitId: 'a' }, () => 'sent');
    expect(r).toMatchObject({ ok: false, code: 'offline' });
    expect(r.ok === false && r.error).toMatch(/^Gesperrt: keine Verbindung/);
    expect(toastStore.getState().toasts.at(-1)?.text).toMatch(/^Gesperrt/);

    // Back: fresh data, the clock runs again, actions are enabled, the banner goes.
    await act(async () => {
      setPresence('live');
      noteData(NOW + 61_000, Date.now());
    });
    await tick(1_000);
    expect(banner()).toBeNull();
    expect(connectionStore.getState().frozenAt).toBeNull();
    expect(ackButton()?.disabled).toBe(false);
    // The timer runs again from its next tick.
    await tick(1_000);
    expect(waiting()).toBe('wartet 2 min');
  });
});
