// @vitest-environment happy-dom
/**
 * The replay's key-figures tile of response times: asks GET /api/v1/stats/response-times of the
 * replayed dataset for the 24 h up to the playhead (as the other KPI reads, replayReads.test.tsx,
 * with fetch answered in the test the same way), shows median / p90 in German and English, asks
 * again after a seek, and asks nothing outside the replay.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settingsStore } from '../../stores/settingsStore.ts';
import { replayStore } from '../../replay/replayStore.ts';
import { sourceStore } from '../../stores/sourceStore.ts';
import { ResponseTimesTile } from './ResponseTimesTile.tsx';
import { useResponseTimes } from './useResponseTimes.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const T = Date.UTC(2026, 10, 25, 7, 5);
const HOUR = 3_600_000;
const fig = (n: number, medianS: number | null, p90S: number | null, missing: number) => ({
  n,
  medianS,
  p90S,
  missing,
  early: 0,
});

let host: HTMLDivElement;
let root: Root;
let requests: URL[] = [];

beforeEach(() => {
  // What the attached replay source states through its feed (replay/controller.ts, source/feed.ts).
  sourceStore.setState({ kind: 'replay', reads: { dataset: 'cad', reason: 'Nachbereitung' } });
  replayStore.setState({ ...replayStore.getInitialState(), dataset: 'cad', reason: 'Nachbereitung' });
  settingsStore.getState().setLanguage('de');
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const url = new URL(input, 'http://lage.test');
      requests.push(url);
      const body = {
        from: Number(url.searchParams.get('from')),
        to: Number(url.searchParams.get('to')),
        n: 6,
        callToDispatch: fig(4, 75, 200, 1),
        callToFirstOnScene: fig(3, 240, 3725, 3),
        byPriority: [],
        byType: [],
        seq: 9,
      };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    }),
  );
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
  sourceStore.setState(sourceStore.getInitialState());
});

function Tile({ now }: { now: number }) {
  const answer = useResponseTimes(now);
  return answer ? <ResponseTimesTile answer={answer} /> : null;
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const text = (id: string) => host.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';

describe('response times in the replay key figures', () => {
  it('reads the replayed period of the dataset and shows median / p90 with counts', async () => {
    await act(async () => root.render(<Tile now={T} />));
    await settle();
    expect(requests.map((u) => [u.pathname, Object.fromEntries(u.searchParams)])).toEqual([
      [
        '/api/v1/stats/response-times',
        {
          from: String(Math.floor(T / HOUR) * HOUR - 23 * HOUR),
          to: String(T + 1),
          dataset: 'cad',
          reason: 'Nachbereitung',
        },
      ],
    ]);
    expect(text('kpi-response-times')).toContain('Reaktionszeiten im Zeitraum');
    expect(text('kpi-response-dispatch')).toBe('1:15 / 3:20Anruf bis Disposition · n = 4 · ohne: 1');
    expect(text('kpi-response-on-scene')).toBe('4:00 / 1:02:05Anruf bis Eintreffen · n = 3 · ohne: 3');

    await act(async () => settingsStore.getState().setLanguage('en'));
    expect(text('kpi-response-dispatch')).toBe('1:15 / 3:20call to dispatch · n = 4 · without: 1');

    // A seek back a day: asked again for the new period.
    await act(async () => root.render(<Tile now={T - 24 * HOUR} />));
    await settle();
    expect(requests).toHaveLength(2);
    expect(requests[1]!.searchParams.get('to')).toBe(String(T - 24 * HOUR + 1));
  });

  it('asks nothing and shows nothing outside the replay', async () => {
    sourceStore.setState({ kind: 'live', reads: {} });
    await act(async () => root.render(<Tile now={T} />));
    await settle();
    expect(requests).toEqual([]);
    expect(host.innerHTML).toBe('');
  });
});
