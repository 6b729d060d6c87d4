// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Unit } from '#shared/domain';
import { PROTOCOL_VERSION } from '#shared/wire';
import { UnitBoard } from './UnitBoard.tsx';
import { unit } from '../../testing/units.ts';
import { pictureStore, replacePicture } from '../../stores/pictureStore.ts';
import { flushPanelPicture } from '../../stores/panelPicture.ts';
import { connectionStore } from '../../stores/connectionStore.ts';
import { filterStore } from '../../stores/filterStore.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { settingsStore } from '../../stores/settingsStore.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const MIN = 60_000;
let host: HTMLDivElement;
let root: Root;

function load(units: Unit[]) {
  const now = Date.now();
  replacePicture(
    { seq: 1, units: Object.fromEntries(units.map((u) => [u.id, u])), incidents: {} },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now },
  );
  flushPanelPicture();
}

async function render() {
  await act(async () => root.render(<UnitBoard />));
}

const all = (sel: string) => [...host.querySelectorAll<HTMLElement>(sel)];

beforeEach(() => {
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
  filterStore.getState().clear();
  selectionStore.setState({ selected: null, followUnitId: null, revealed: 0 });
  settingsStore.getState().setLanguage('de');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
});

describe('<UnitBoard>', () => {
  it('groups by status in board order with counts, timers coloured by the thresholds and stale badges', async () => {
    const now = Date.now();
    const fix = (time: number) => ({ position: { lat: 50.9, lon: 6.9, time } });
    load([
      unit('a', 3, now - 5 * MIN, fix(now)),
      unit('b', 3, now - 12 * MIN, fix(now)),
      unit('c', 3, now - 25 * MIN, fix(now)),
      unit('d', 2, now - 60 * MIN, fix(now - 10 * MIN)),
      unit('e', 0, now - 10_000, fix(now)),
    ]);
    await render();
    expect(all('[data-testid="board-group"]').map((g) => g.dataset['status'])).toEqual(['0', '3', '2']);
    expect(all('[data-testid="board-unit"]').map((u) => u.dataset['unitId'])).toEqual([
      'e',
      'c',
      'b',
      'a',
      'd',
    ]);
    const timers = all('[data-testid="status-timer"]');
    expect(timers.map((t) => t.textContent)).toEqual(['0:10', '25:00', '12:00', '5:00', '1:00:00']);
    expect(timers.map((t) => t.dataset['level'])).toEqual(['red', 'red', 'amber', 'none', 'none']);
    // d's last fix is 10 min old with a 60 s stale threshold; the others reported just now.
    const stale = all('[data-testid="board-unit"]').filter((u) =>
      u.querySelector('[data-testid="stale-badge"]'),
    );
    expect(stale.map((u) => u.dataset['unitId'])).toEqual(['d']);
    expect(host.querySelector('[data-testid="status-count-3"]')?.textContent).toBe('33');
    expect(host.querySelector('.panel-head .muted')?.textContent).toBe('5 von 5');
  });

  it('follows the configured thresholds and the filters', async () => {
    const now = Date.now();
    load([
      unit('a', 3, now - 5 * MIN),
      unit('m', 3, now - 5 * MIN, { kind: 'motorrad', district: 'Köln-Süd' }),
    ]);
    await render();
    await act(async () => settingsStore.getState().setThreshold(3, { amberMin: 2, redMin: 4 }));
    expect(all('[data-testid="status-timer"]').map((t) => t.dataset['level'])).toEqual(['red', 'red']);
    await act(async () => filterStore.getState().toggle('kinds', 'motorrad'));
    expect(all('[data-testid="board-unit"]').map((u) => u.dataset['unitId'])).toEqual(['m']);
    await act(async () => filterStore.getState().toggle('districts', 'Köln-Mitte'));
    expect(all('[data-testid="board-unit"]')).toEqual([]);
    expect(host.textContent).toContain('Keine Einsatzmittel');
    await act(async () => settingsStore.getState().setThreshold(3, { amberMin: 10, redMin: 20 }));
  });

  it('moves with the arrow keys, selects the unit and reveals it on Enter; Enter on a header collapses', async () => {
    const now = Date.now();
    load([unit('a', 2, now - MIN), unit('b', 2, now - 2 * MIN)]);
    await render();
    const list = host.querySelector<HTMLElement>('[data-testid="unit-board-list"]')!;
    const key = (k: string) =>
      act(async () => {
        list.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      });
    await key('ArrowDown'); // header
    await key('ArrowDown'); // b (longest in status 2)
    expect(selectionStore.getState().selected).toEqual({ kind: 'unit', id: 'b' });
    await key('Enter');
    expect(selectionStore.getState().revealed).toBe(1);
    await key('Home');
    await key('Enter');
    expect(all('[data-testid="board-unit"]')).toEqual([]);
    expect(host.querySelector('[data-testid="board-group"] .n')?.textContent).toBe('2');
  });

  it('draws only the rows in view of 5,000 units', async () => {
    const now = Date.now();
    load(
      Array.from({ length: 5000 }, (_, k) => unit(`u${k}`, ((k % 4) + 1) as 1 | 2 | 3 | 4, now - k * 1000)),
    );
    await render();
    const list = host.querySelector<HTMLElement>('[data-testid="unit-board-list"]')!;
    expect(list.dataset['count']).toBe('5004');
    expect(all('[role="option"]').length).toBeLessThan(40);
  });
});
