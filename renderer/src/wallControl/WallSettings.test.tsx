// @vitest-environment happy-dom
/**
 * The wall settings against a stand-in for the Electron bridge: displays listed, a layout and a
 * cycle assigned, a wall closed, the workstation moved, a missing display forgotten, a refusal
 * shown; in a browser (no bridge) the wall address of each layout instead.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsStore } from '../stores/settingsStore.ts';
import { WALL_LAYOUTS } from './layouts.ts';
import { WallSettings, wallLink } from './WallSettings.tsx';
import { wallsStore } from './wallsStore.ts';
import { display, installFakeBridge, type FakeBridge } from '../platform/testing/fakeBridge.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let host: HTMLDivElement;
let root: Root;
let fake: FakeBridge | null = null;

const desk = display(1, 'Built-in', 0, { primary: true, workstation: true });
const wallA = display(2, 'DELL U2720Q', 1920);

async function render(): Promise<void> {
  await act(async () => root.render(<WallSettings />));
  await act(async () => undefined);
}
const q = <T extends Element = HTMLElement>(testId: string) =>
  host.querySelector<T>(`[data-testid="${testId}"]`);

async function choose(testId: string, value: string): Promise<void> {
  const select = q<HTMLSelectElement>(testId);
  if (!select) throw new Error(`no ${testId}`);
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function click(testId: string): Promise<void> {
  const el = q(testId);
  if (!el) throw new Error(`no ${testId}`);
  await act(async () => el.click());
}

beforeEach(() => {
  wallsStore.setState(wallsStore.getInitialState(), true);
  settingsStore.getState().setLanguage('de');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  fake?.uninstall();
  fake = null;
});

describe('wall settings in Electron', () => {
  it('lists the displays with their layout, cycle and the workstation', async () => {
    fake = installFakeBridge([desk, { ...wallA, wallLayout: 'status', wallCycle: 60, restarts: 2 }]);
    await render();
    expect(q('wall-settings')?.dataset['platform']).toBe('electron');
    expect(fake.calls).toEqual([['listDisplays']]);
    expect(q('wall-display-2')?.textContent).toContain('DELL U2720Q');
    expect(q('wall-display-2')?.textContent).toContain('1920×1080');
    expect(q('wall-display-2')?.textContent).toContain('2× neu gestartet');
    expect(q<HTMLSelectElement>('wall-layout-2')?.value).toBe('status');
    expect(q<HTMLSelectElement>('wall-cycle-2')?.value).toBe('60');
    expect(q<HTMLSelectElement>('wall-layout-1')?.value).toBe('');
    expect(q<HTMLSelectElement>('wall-cycle-1')?.disabled).toBe(true);
    expect(q<HTMLInputElement>('wall-workstation-1')?.checked).toBe(true);
    expect(q('wall-settings')?.textContent).toContain('die Bildschirme bleiben wach');
    // Every layout of the registry is offered, nothing else.
    const options = [...(q<HTMLSelectElement>('wall-layout-1')?.options ?? [])].map((o) => o.value);
    expect(options).toEqual(['', ...WALL_LAYOUTS]);
  });

  it('assigns a layout, then a cycle, then closes the wall, saved through the bridge', async () => {
    fake = installFakeBridge([desk, wallA]);
    await render();
    await choose('wall-layout-2', 'einsaetze');
    expect(fake.calls.at(-1)).toEqual(['assignWall', 2, 'einsaetze', null]);
    expect(q<HTMLSelectElement>('wall-layout-2')?.value).toBe('einsaetze');
    await choose('wall-cycle-2', '120');
    expect(fake.calls.at(-1)).toEqual(['assignWall', 2, 'einsaetze', 120]);
    expect(q<HTMLSelectElement>('wall-cycle-2')?.value).toBe('120');
    await click('wall-clear-2');
    expect(fake.calls.at(-1)).toEqual(['clearWall', 2]);
    expect(q<HTMLSelectElement>('wall-layout-2')?.value).toBe('');
    expect(q('wall-clear-2')).toBeNull();
  });

  it('warns when the only display gets a wall over the workstation', async () => {
    fake = installFakeBridge([desk]);
    await render();
    expect(q('wall-covers-1')).toBeNull();
    await choose('wall-layout-1', 'lage');
    expect(q('wall-covers-1')?.textContent).toContain('die Wand liegt im Vollbild über dem Arbeitsplatz');
  });

  it('shows a cycle saved by hand that is not among the choices', async () => {
    fake = installFakeBridge([desk, { ...wallA, wallLayout: 'lage', wallCycle: 45 }]);
    await render();
    expect(q<HTMLSelectElement>('wall-cycle-2')?.value).toBe('45');
    expect(q<HTMLSelectElement>('wall-cycle-2')?.selectedOptions[0]?.textContent).toBe('alle 45 s');
  });

  it('choosing "no wall" closes it too', async () => {
    fake = installFakeBridge([desk, { ...wallA, wallLayout: 'lage' }]);
    await render();
    await choose('wall-layout-2', '');
    expect(fake.calls.at(-1)).toEqual(['clearWall', 2]);
  });

  it('moves the workstation to a display, and back to automatic', async () => {
    fake = installFakeBridge([desk, wallA]);
    await render();
    await click('wall-workstation-2');
    expect(fake.calls.at(-1)).toEqual(['setWorkstationDisplay', 2]);
    expect(q<HTMLInputElement>('wall-workstation-2')?.checked).toBe(true);
    await click('wall-workstation-auto');
    expect(fake.calls.at(-1)).toEqual(['setWorkstationDisplay', null]);
    expect(q<HTMLInputElement>('wall-workstation-1')?.checked).toBe(true);
  });

  it('shows a saved wall whose display is unplugged, and forgets it', async () => {
    fake = installFakeBridge([desk], [{ displayId: 7, label: 'Beamer', layout: 'heatmap' }]);
    await render();
    expect(q('wall-missing')?.textContent).toContain('Nicht angeschlossen: Beamer (Einsatzdichte)');
    await act(async () => q('wall-missing')?.querySelector('button')?.click());
    expect(fake.calls.at(-1)).toEqual(['clearWall', 7]);
    expect(q('wall-missing')).toBeNull();
  });

  it('says why when main refuses a change, and keeps the old state', async () => {
    fake = installFakeBridge([desk, wallA]);
    await render();
    fake.failNext = 'walls: no display with id 2 is connected';
    await choose('wall-layout-2', 'lage');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(
      'Wandanzeige nicht geändert: walls: no display with id 2 is connected',
    );
    expect(q<HTMLSelectElement>('wall-layout-2')?.value).toBe('');
  });
});

describe('wall settings in a browser', () => {
  it('explains that walls are addresses and lists one per layout, with the chosen cycle', async () => {
    await render();
    expect(q('wall-settings')?.dataset['platform']).toBe('browser');
    expect(q('wall-browser-hint')?.textContent).toContain('ist eine Wand eine Adresse');
    expect(q('wall-displays')).toBeNull();
    for (const l of WALL_LAYOUTS)
      expect(q<HTMLInputElement>(`wall-link-${l}`)?.value).toBe(`${location.origin}/?mode=wall&layout=${l}`);
    await choose('wall-link-cycle', '60');
    expect(q<HTMLInputElement>('wall-link-status')?.value).toBe(
      `${location.origin}/?mode=wall&layout=status&cycle=60`,
    );
  });

  it('copies a wall address', async () => {
    await render();
    await click('wall-copy-einsaetze');
    expect(await navigator.clipboard.readText()).toBe(`${location.origin}/?mode=wall&layout=einsaetze`);
    expect(q('wall-copy-einsaetze')?.textContent).toBe('Kopiert');
  });

  it('builds the same address the wall parses', () => {
    expect(wallLink('http://lage:8080', 'heatmap', null)).toBe('http://lage:8080/?mode=wall&layout=heatmap');
    expect(wallLink('http://lage:8080', 'lage', 300)).toBe(
      'http://lage:8080/?mode=wall&layout=lage&cycle=300',
    );
  });
});
