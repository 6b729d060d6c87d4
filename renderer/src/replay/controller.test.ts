// @vitest-environment happy-dom
/**
 * The controller against a scripted server: a period longer than 12 h gets a marker for every
 * incident called in it (from the server's incidents route, not the picture at the end, which has
 * dropped incidents closed early), and the picture is judged with the server's stale threshold.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyPicture } from '#shared/picture';
import { incident } from '../charts/testIncidents.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { ReplayController } from './controller.ts';
import { replayStore } from './replayStore.ts';
import { connectionStore, type Presence } from '../stores/connectionStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';
import { attachSource } from '../source/attach.ts';

const H = 3_600_000;
const FROM = Date.UTC(2026, 10, 25, 6);
const TO = FROM + 37 * H;
const STALE_AFTER_MS = 90_000;

const marker = (id: string, opened: number, closed?: number) => ({
  id,
  number: id,
  type: 'verkehrsunfall' as const,
  priority: 2 as const,
  opened,
  at: opened,
  ...(closed !== undefined ? { closed } : {}),
});
/** Five calls over 37 h; the first three closed more than 12 h before the end. */
const MARKERS = [
  marker('E1', FROM + 2 * H, FROM + 2.5 * H),
  marker('E2', FROM + 3 * H, FROM + 3.5 * H),
  marker('E3', FROM + 8 * H, FROM + 8.3 * H),
  marker('E4', FROM + 28 * H, FROM + 29 * H),
  marker('E5', FROM + 36 * H),
];

/** The picture at the end of the period holds only E4 and E5 (closed incidents are kept 12 h). */
function pictureAt(t: number) {
  const incidents = Object.fromEntries(
    MARKERS.filter((m) => m.opened <= t && (m.closed === undefined || t - m.closed <= 12 * H)).map((m) => [
      m.id,
      incident(m.id, m.type, { opened: m.opened, ...(m.closed ? { closed: m.closed } : {}) }),
    ]),
  );
  return { ...emptyPicture(), seq: 5, incidents };
}

function answer(url: URL): unknown {
  const num = (k: string) => Number(url.searchParams.get(k));
  switch (url.pathname) {
    case '/api/v1/replay/datasets':
      return {
        live: { first: null, last: null, events: 0 },
        datasets: [{ name: 'cad', from: FROM, to: TO, events: 20 }],
        problems: [],
        staleAfterMs: STALE_AFTER_MS,
      };
    case '/api/v1/replay/picture':
      return { t: num('t'), seq: 5, clock: 'time', picture: pictureAt(num('t')) };
    case '/api/v1/replay/events':
      return {
        from: num('from'),
        to: num('to'),
        clock: 'time',
        events: [],
        positions: [],
        nextAfterSeq: null,
      };
    case '/api/v1/replay/incidents':
      return { from: num('from'), to: num('to'), clock: 'time', incidents: MARKERS };
    case '/api/v1/replay/incident': {
      // By id or number, wherever it lies: E1 was closed 34 h before the end of the data.
      const m = MARKERS.find(
        (x) => x.id === url.searchParams.get('key') || x.number === url.searchParams.get('key'),
      );
      if (!m) return undefined;
      const closed = m.closed !== undefined ? { closed: m.closed } : {};
      return {
        from: m.opened,
        to: m.closed ?? TO,
        incident: incident(m.id, m.type, { opened: m.opened, ...closed }),
      };
    }
    case '/api/v1/replay/counts':
      return {
        from: num('from'),
        to: num('to'),
        clock: 'time',
        buckets: [{ from: num('from'), events: 20 }],
      };
    default:
      throw new Error(`unexpected ${url.href}`);
  }
}

let controller: ReplayController;
const asked: URL[] = [];

beforeEach(() => {
  replayStore.setState(replayStore.getInitialState(), true);
  pictureStore.setState(pictureStore.getInitialState(), true);
  asked.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const url = new URL(input);
      asked.push(url);
      const body = answer(url);
      return Promise.resolve(
        body === undefined
          ? new Response(JSON.stringify({ error: 'unknown incident' }), { status: 404 })
          : new Response(JSON.stringify(body), { status: 200 }),
      );
    }),
  );
  controller = new ReplayController('http://lage.test');
});
afterEach(() => {
  controller.dispose();
  vi.unstubAllGlobals();
  sourceStore.setState(sourceStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
});

describe('replay controller', () => {
  it('marks every incident of a period longer than 12 h, also those closed early in it', async () => {
    await controller.start(`?mode=replay&dataset=cad&from=${FROM}&to=${TO}&reason=Schulung`);
    await vi.waitFor(() => expect(replayStore.getState().markers).toHaveLength(5));
    expect(replayStore.getState().markers.map((m) => m.id)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    const route = asked.find((u) => u.pathname === '/api/v1/replay/incidents')!;
    expect(Object.fromEntries(route.searchParams)).toEqual({
      dataset: 'cad',
      from: String(FROM),
      to: String(TO),
      reason: 'Schulung',
    });
    // The picture at the end alone would have missed E1-E3.
    expect(Object.keys(pictureAt(TO).incidents)).toEqual(['E4', 'E5']);
  });

  it('judges stale units with the server’s threshold, not the default', async () => {
    await controller.start(`?mode=replay&dataset=cad&from=${FROM}&to=${TO}`);
    await vi.waitFor(() => expect(pictureStore.getState().loaded).toBe(true));
    expect(replayStore.getState().staleAfterMs).toBe(STALE_AFTER_MS);
    expect(pictureStore.getState().staleAfterMs).toBe(STALE_AFTER_MS);
  });

  it('"Einsatz wiedergeben" finds an incident closed long before the end of the data and opens its period', async () => {
    await controller.start('?mode=replay&dataset=cad&incident=E1');
    await vi.waitFor(() => expect(replayStore.getState().focus?.incidentId).toBe('E1'));
    const route = asked.find((u) => u.pathname === '/api/v1/replay/incident')!;
    expect(Object.fromEntries(route.searchParams)).toEqual({
      dataset: 'cad',
      key: 'E1',
      reason: 'Einsatz E1',
    });
    const s = replayStore.getState();
    // 5 min before the call to 10 min after closure.
    expect([s.from, s.to]).toEqual([FROM + 2 * H - 5 * 60_000, FROM + 2.5 * H + 10 * 60_000]);
    expect(s.problems).toEqual([]);
  });

  it('an incident the data does not hold is reported as such', async () => {
    await controller.start('?mode=replay&dataset=cad&incident=E9');
    await vi.waitFor(() =>
      expect(replayStore.getState().problems).toEqual([{ key: 'replay.unknownIncident', value: 'E9' }]),
    );
  });

  it('is the page’s picture source: replay kind, seek and speed, presence, a seek counter, its read scope', async () => {
    const detach = attachSource(controller);
    expect(sourceStore.getState()).toMatchObject({
      kind: 'replay',
      capabilities: { canSeek: true, canChangeSpeed: true },
    });
    const presences: Presence[] = [];
    const stop = connectionStore.subscribe((s) => presences.push(s.presence));
    await controller.start(`?mode=replay&dataset=cad&from=${FROM}&to=${TO}&reason=Schulung`);
    await vi.waitFor(() => expect(connectionStore.getState().presence).toBe('live'));
    // The first picture is a seek too; the dataset and reason are what the panels' reads must name.
    expect(sourceStore.getState()).toMatchObject({
      seekCount: 1,
      reads: { dataset: 'cad', reason: 'Schulung' },
    });
    const epoch = pictureStore.getState().epoch;
    controller.seek(FROM + 5 * H);
    expect(sourceStore.getState().seekCount).toBe(2);
    await vi.waitFor(() => expect(pictureStore.getState().epoch).toBeGreaterThan(epoch));
    await vi.waitFor(() => expect(connectionStore.getState().presence).toBe('live'));
    expect(presences).toContain('buffering');
    stop();
    detach();
  });

  it('a dataset the server does not have is the source’s error, and its reads name nothing', async () => {
    attachSource(controller);
    await controller.start(`?mode=replay&dataset=nope`);
    await vi.waitFor(() => expect(connectionStore.getState().presence).toBe('error'));
    expect(connectionStore.getState().error).toBe('replay.unknownDataset');
    expect(sourceStore.getState().reads).toEqual({});
  });
});
