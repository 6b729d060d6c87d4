// @vitest-environment happy-dom
/**
 * The panels' own reads of the server in the replay view: the incident timeline asks for the
 * history up to the playhead (and of the replayed dataset) and follows a seek; the KPI charts ask
 * for the statistics of the replayed dataset around the playhead, not of the live log around now.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION } from '#shared/wire';
import { flushPanelPicture } from '../stores/panelPicture.ts';
import { pictureStore, replacePicture } from '../stores/pictureStore.ts';
import { setClockSource } from '../stores/connectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { incident } from '../charts/testIncidents.ts';
import { IncidentTimeline } from '../panels/details/IncidentTimeline.tsx';
import { useServerAvailability } from '../panels/kpi/useAvailabilityHistory.ts';
import { useIncidentStats } from '../panels/kpi/useIncidentStats.ts';
import { replayStore } from './replayStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const T = Date.UTC(2026, 10, 25, 7, 5); // 08:05 Berlin, in the middle of E1
/** The playhead between two whole milliseconds: the server is asked for what happened by floor(t). */
const FRACTION = 0.25;
const MIN = 60_000;
const HOUR = 3_600_000;
const E1 = incident('E1', 'verkehrsunfall', { opened: T - 5 * MIN }, { number: 'E1' });

let host: HTMLDivElement;
let root: Root;
let playhead = T;
let requests: URL[] = [];

const opened: LageEvent = {
  seq: 1,
  time: T - 5 * MIN,
  received: T - 5 * MIN,
  type: 'incident.opened',
  incident: {
    id: 'E1',
    number: 'E1',
    type: 'verkehrsunfall',
    priority: 1,
    location: { lat: 51.2, lon: 6.7 },
  },
};

function answer(url: URL): unknown {
  if (url.pathname.endsWith('/events')) return { incidentId: 'E1', truncated: false, events: [opened] };
  if (url.pathname === '/api/v1/stats/incidents') {
    const from = Number(url.searchParams.get('from'));
    return { from, to: Number(url.searchParams.get('to')), total: 0, perHour: [], byType: [] };
  }
  if (url.pathname === '/api/v1/stats/availability') return { stepMs: 300_000, samples: [] };
  throw new Error(`unexpected ${url.href}`);
}

beforeEach(() => {
  // What the attached replay source states through its feed (replay/controller.ts, source/feed.ts).
  sourceStore.setState({ kind: 'replay', reads: { dataset: 'cad', reason: 'Nachbereitung' } });
  replayStore.setState({ ...replayStore.getInitialState(), dataset: 'cad', reason: 'Nachbereitung' });
  settingsStore.getState().setLanguage('de');
  playhead = T + FRACTION;
  setClockSource(() => playhead);
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const url = new URL(input, 'http://lage.test');
      requests.push(url);
      return Promise.resolve(new Response(JSON.stringify(answer(url)), { status: 200 }));
    }),
  );
  replacePicture(
    { seq: 7, units: {}, incidents: { E1 } },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: T },
  );
  flushPanelPicture();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
  setClockSource(null);
  sourceStore.setState(sourceStore.getInitialState());
  pictureStore.setState(pictureStore.getInitialState(), true);
  flushPanelPicture();
});

const params = (u: URL) => Object.fromEntries(u.searchParams);
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

describe('incident timeline in replay', () => {
  it('asks for the history of the replayed dataset up to the playhead, and again after a seek', async () => {
    await act(async () => root.render(<IncidentTimeline incident={E1} />));
    await settle();
    const first = requests.filter((u) => u.pathname === '/api/v1/incidents/E1/events');
    expect(first.map(params)).toEqual([{ dataset: 'cad', reason: 'Nachbereitung', t: String(T) }]);
    expect(host.querySelector('[data-testid="timeline-fallback"]')?.getAttribute('title') ?? '').toBe('');
    expect(host.querySelector('[data-testid="incident-timeline"]')?.getAttribute('data-source')).toBe('log');

    // A seek back: a new picture (epoch) at the new playhead, the same incident.
    playhead = T - 2 * MIN + FRACTION;
    await act(async () => {
      replacePicture(
        { seq: 3, units: {}, incidents: { E1 } },
        { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: playhead },
      );
      flushPanelPicture();
    });
    await settle();
    const all = requests.filter((u) => u.pathname === '/api/v1/incidents/E1/events');
    expect(all.map((u) => u.searchParams.get('t'))).toEqual([String(T), String(T - 2 * MIN)]);
  });

  it('the live log in replay: the playhead but no dataset', async () => {
    sourceStore.setState({ reads: {} });
    await act(async () => root.render(<IncidentTimeline incident={E1} />));
    await settle();
    expect(requests.map(params)).toEqual([{ t: String(T) }]);
  });

  it('outside the replay: the whole history, nothing added', async () => {
    sourceStore.setState({ kind: 'live', reads: {} });
    await act(async () => root.render(<IncidentTimeline incident={E1} />));
    await settle();
    expect(requests.map((u) => u.search)).toEqual(['']);
  });
});

function Kpis({ now }: { now: number }) {
  useServerAvailability(now);
  useIncidentStats(now, 1);
  return null;
}

describe('KPI charts in replay', () => {
  it('read the replayed dataset for the 24 h before the playhead, and follow a jump', async () => {
    await act(async () => root.render(<Kpis now={T} />));
    await settle();
    const avail = () => requests.filter((u) => u.pathname === '/api/v1/stats/availability').map(params);
    const stats = () => requests.filter((u) => u.pathname === '/api/v1/stats/incidents').map(params);
    const to = Math.floor(T);
    expect(avail()).toEqual([
      { from: String(to - 24 * HOUR), to: String(to), step: '300', dataset: 'cad', reason: 'Nachbereitung' },
    ]);
    expect(stats()).toHaveLength(1);
    expect(stats()[0]).toMatchObject({ dataset: 'cad', to: String(Math.ceil(T) + 1) });
    expect(Number(stats()[0]!['from'])).toBeGreaterThan(T - 24 * HOUR);

    // A jump back a day (a seek): both are asked again for the new time.
    const back = T - 24 * HOUR;
    await act(async () => root.render(<Kpis now={back} />));
    await settle();
    expect(avail()).toHaveLength(2);
    expect(avail()[1]).toMatchObject({ to: String(Math.floor(back)), dataset: 'cad' });
    expect(stats()).toHaveLength(2);
    expect(stats()[1]).toMatchObject({ to: String(Math.ceil(back) + 1), dataset: 'cad' });

    // Playing on a minute: the availability series waits for 5 minutes of replay time.
    await act(async () => root.render(<Kpis now={back + MIN} />));
    await settle();
    expect(avail()).toHaveLength(2);
    await act(async () => root.render(<Kpis now={back + 5 * MIN} />));
    await settle();
    expect(avail()).toHaveLength(3);
  });
});
