// @vitest-environment happy-dom
/**
 * The wall's list views show coded fields only: even an unredacted incident (caller, description,
 * notes, address) leaves no free text in the DOM; the status tiles count per FMS status.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, Unit } from '#shared/domain';
import { PROTOCOL_VERSION } from '#shared/wire';
import { pictureStore, replacePicture } from '../stores/pictureStore.ts';
import { flushPanelPicture } from '../stores/panelPicture.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { incident } from '../charts/testIncidents.ts';
import { unit } from '../testing/units.ts';
import { WallIncidents, MAX_CARDS } from './WallIncidents.tsx';
import { WallStatus } from './WallStatus.tsx';
import { WallKpiStrip } from './WallKpiStrip.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let host: HTMLDivElement;
let root: Root;

function load(units: Unit[], incidents: Incident[]) {
  replacePicture(
    {
      seq: 1,
      units: Object.fromEntries(units.map((u) => [u.id, u])),
      incidents: Object.fromEntries(incidents.map((i) => [i.id, i])),
    },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: Date.now() },
  );
  flushPanelPicture();
}

beforeEach(() => {
  pictureStore.setState(pictureStore.getInitialState(), true);
  settingsStore.getState().setLanguage('de');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
});

const SECRETS: [string, string, string, string] = [
  'Erika Mustermann',
  '0221 555 1234',
  'Täter flüchtig Richtung Dom',
  'Zeugin wohnt gegenüber',
];

describe('wall views', () => {
  it('incident cards show no caller, description, note or address', async () => {
    const now = Date.now();
    load(
      [unit('u1', 3, now, { callsign: 'Kilo 11/1', incidentId: 'a' })],
      [
        incident(
          'a',
          'raub',
          { opened: now - 5 * 60_000 },
          {
            priority: 1,
            units: ['u1'],
            state: 'disponiert',
            caller: { name: SECRETS[0], phone: SECRETS[1] },
            description: SECRETS[2],
            notes: [{ time: now, author: 'op', text: SECRETS[3] }],
            address: 'Hohe Straße 1, bei Mustermann',
            district: 'Köln-Mitte',
          },
        ),
        incident('b', 'einbruch', { opened: now - 60_000 }, { priority: 2 }),
      ],
    );
    await act(async () => root.render(<WallIncidents />));
    const text = host.textContent ?? '';
    for (const s of [...SECRETS, 'Hohe Straße', 'op']) expect(text).not.toContain(s);
    const cards = [...host.querySelectorAll('[data-testid="wall-incident"]')];
    // The incident still waiting for a unit leads, though its priority is lower (issue 15).
    expect(cards.map((c) => c.getAttribute('data-incident-id'))).toEqual(['b', 'a']);
    expect(cards[1]?.textContent).toContain('Kilo 11/1');
    expect(cards[1]?.textContent).toContain('seit 5 min');
    expect(cards[0]?.textContent).toContain('kein Einsatzmittel');
    // The view leads with the number waiting and the longest wait (b, opened a minute ago).
    const lead = host.querySelector('[data-testid="wall-waiting"]');
    expect(lead?.getAttribute('data-waiting')).toBe('1');
    expect(lead?.textContent).toContain('1ohne Einsatzmittel');
    expect(host.querySelector('[data-testid="wall-longest-wait"]')?.textContent).toBe(
      'längste Wartezeit 1 min',
    );
    expect(lead?.textContent).toContain('2 offen');
  });

  it('leads with "0" and no longest wait when every open incident has a unit', async () => {
    const now = Date.now();
    load([], [incident('a', 'raub', { opened: now - 60_000 }, { units: ['u1'] })]);
    await act(async () => root.render(<WallIncidents />));
    expect(host.querySelector('[data-testid="wall-waiting"]')?.getAttribute('data-waiting')).toBe('0');
    expect(host.querySelector('[data-testid="wall-longest-wait"]')).toBeNull();
  });

  it('caps the cards and counts the rest', async () => {
    const now = Date.now();
    load(
      [],
      Array.from({ length: MAX_CARDS + 3 }, (_, k) => incident(`i${k}`, 'diebstahl', { opened: now - k })),
    );
    await act(async () => root.render(<WallIncidents />));
    expect(host.querySelectorAll('[data-testid="wall-incident"]')).toHaveLength(MAX_CARDS);
    expect(host.textContent).toContain('+ 3 weitere Einsätze');
  });

  it('status tiles count units per FMS status', async () => {
    const now = Date.now();
    load([unit('a', 2, now), unit('b', 2, now), unit('c', 0, now), unit('d', 4, now)], []);
    await act(async () => root.render(<WallStatus />));
    const count = (s: number) =>
      host.querySelector(`[data-testid="wall-status-tile"][data-status="${s}"]`)?.getAttribute('data-count');
    expect([count(0), count(2), count(4), count(5)]).toEqual(['1', '2', '1', '0']);
    expect(host.querySelector('[data-status="0"]')?.classList.contains('alarm')).toBe(true);
  });

  it('the KPI strip counts open, unassigned, available, committed, requests and emergencies', async () => {
    const now = Date.now();
    load(
      [unit('a', 2, now), unit('b', 3, now), unit('c', 5, now), unit('d', 0, now)],
      [
        incident('x', 'raub', { opened: now }),
        incident('y', 'raub', { opened: now }, { units: ['b'] }),
        incident('z', 'raub', { opened: now - 10, closed: now }),
      ],
    );
    await act(async () => root.render(<WallKpiStrip />));
    const value = (id: string) => host.querySelector(`[data-testid="${id}"] .wall-kpi-value`)?.textContent;
    expect(
      ['open', 'unassigned', 'available', 'committed', 'requests', 'emergency'].map((k) =>
        value(`wall-kpi-${k}`),
      ),
    ).toEqual(['2', '1', '1', '1', '1', '1']);
  });
});
