// @vitest-environment happy-dom
/**
 * "Panels update at most a few times per second whatever the event rate": the unit board, the
 * request queue and the incident list are rendered inside React Profilers while a storm of status
 * and position batches (one every millisecond, 2,000 per second) is folded into the picture store.
 * The clock is vitest's fake one, so the count of React commits is exact, not a timing guess: it is
 * checked against the throttle constant PANEL_REFRESH_MS plus the panels' own once-a-second clocks.
 */
import { Profiler, act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FmsStatus } from '#shared/domain';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION } from '#shared/wire';
import { foldEvents, pictureStore, replacePicture } from '../stores/pictureStore.ts';
import { PANEL_REFRESH_MS, flushPanelPicture } from '../stores/panelPicture.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { UnitBoard } from './board/UnitBoard.tsx';
import { RequestQueue } from './requests/RequestQueue.tsx';
import { IncidentList } from './incidents/IncidentList.tsx';
import { unit } from '../testing/units.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const UNITS = 200;
const STORM_MS = 3_000;
/** The panels' own clocks (time-in-status timers, ages) tick at most once a second. */
const CLOCK_MS = 1_000;

let host: HTMLDivElement;
let root: Root;
let seq = 1;
const commits = { board: 0, requests: 0, incidents: 0 };

beforeEach(() => {
  vi.useFakeTimers();
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
  settingsStore.getState().setLanguage('de');
  const now = Date.now();
  replacePicture(
    {
      seq: 1,
      units: Object.fromEntries(
        Array.from({ length: UNITS }, (_, k) => [`u${k}`, unit(`u${k}`, 2, now - k * 1000)]),
      ),
      incidents: {
        e1: {
          id: 'e1',
          number: 'E-1',
          type: 'brand',
          priority: 1,
          state: 'neu',
          location: { lat: 50.9, lon: 6.9 },
          times: { opened: now },
          units: [],
          notes: [],
        },
      },
    },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now },
  );
  flushPanelPicture();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  Object.assign(commits, { board: 0, requests: 0, incidents: 0 });
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  vi.useRealTimers();
});

const count = (id: keyof typeof commits) => () => void commits[id]++;

function event(k: number): LageEvent {
  seq++;
  const unitId = `u${k % UNITS}`;
  const time = Date.now();
  // Every tenth event a status change (a structural change the panels show), the rest positions.
  if (k % 10 === 0) {
    const status = ([1, 2, 3, 4, 5, 6] as const)[(k / 10) % 6] as FmsStatus;
    return { type: 'unit.status', seq, time, received: time, unitId, status };
  }
  return { type: 'unit.position', seq, time, received: time, unitId, lat: 50.9 + k * 1e-6, lon: 6.9 };
}

describe('panel refresh rate under a storm of events', () => {
  it('each panel commits at most once per PANEL_REFRESH_MS (plus its clock) at 2,000 events per second', async () => {
    await act(async () =>
      root.render(
        <>
          <Profiler id="board" onRender={count('board')}>
            <UnitBoard />
          </Profiler>
          <Profiler id="requests" onRender={count('requests')}>
            <RequestQueue />
          </Profiler>
          <Profiler id="incidents" onRender={count('incidents')}>
            <IncidentList />
          </Profiler>
        </>,
      ),
    );
    Object.assign(commits, { board: 0, requests: 0, incidents: 0 });
    for (let k = 0; k < STORM_MS; k++) {
      await act(async () => {
        const e = event(k);
        foldEvents([e], e.seq);
        vi.advanceTimersByTime(1);
      });
    }
    // Let the trailing refresh go out.
    await act(async () => vi.advanceTimersByTime(PANEL_REFRESH_MS * 5));

    const budget =
      (STORM_MS + PANEL_REFRESH_MS * 5) / PANEL_REFRESH_MS + (STORM_MS + PANEL_REFRESH_MS * 5) / CLOCK_MS + 2;
    console.log(`3,000 events in 3 s → commits ${JSON.stringify(commits)}, budget ${budget} each`);
    for (const n of Object.values(commits)) expect(n).toBeLessThanOrEqual(budget);
    // Far fewer commits than events, and not none: the panels did follow the storm.
    expect(commits.board).toBeGreaterThanOrEqual(STORM_MS / PANEL_REFRESH_MS / 2);
    expect(commits.requests).toBeGreaterThanOrEqual(1);
    // The board shows the end state of the storm: every unit's row and the counts per status.
    const units = Object.values(pictureStore.getState().picture.units);
    const inFive = units.filter((u) => u.status === 5).length;
    expect(inFive).toBeGreaterThan(0);
    expect(host.querySelector('[data-testid="status-count-5"] .n')?.textContent).toBe(String(inFive));
    expect(host.querySelectorAll('[data-testid="request-row"]').length).toBeGreaterThan(0);
  });
});
