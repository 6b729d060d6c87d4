/**
 * Runs the replay view: reads the route, finds the period (given, an incident's, or the last hour of
 * the data), and drives clock + driver once per animation frame. The map is updated by the picture
 * store's own per-frame path; React only sees the playhead ten times a second. It is the replay's
 * PictureSource (source/pictureSource.ts): the picture, its presence (buffering while a seek or the
 * next page loads), every seek and the dataset its reads must name go through the feed it listens on.
 */
import { isKnownZone, timeZoneStore } from '../stores/timeZoneStore.ts';
import type { Picture } from '#shared/picture';
import { setClockSource } from '../stores/connectionStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { fetchCatalogue, ReplayApi, type Catalogue } from './api.ts';
import { clamp, PlaybackClock } from './clock.ts';
import { ReplayDriver, eventTime, receivedTime } from './driver.ts';
import {
  incidentPeriod,
  LIVE_DATASET,
  parseReplayParams,
  replaySearch,
  type ReplayParams,
} from './params.ts';
import { replayStore, type Marker, type Problem } from './replayStore.ts';
import { sinkFor } from './sink.ts';
import { storeFeed } from '../source/feed.ts';
import type { PictureFeed, PictureSource, SourcePresence } from '../source/pictureSource.ts';
import type { ReplayStatus } from './driver.ts';
import { nextSpeed, type Speed } from './speeds.ts';

const HOUR = 3_600_000;
const UI_EVERY_MS = 100;
const SCRUB_EVERY_MS = 150;
const TRAIL_WINDOW_MS = 5 * 60_000;
const ACTIVITY_BUCKETS = 120;
/**
 * A marker jumps this long after the call: the live log replays by receive time, which is a little
 * after the call's own time, so the incident is in the picture there.
 */
export const CALL_SETTLE_MS = 5_000;

const PRESENCE: Record<ReplayStatus, SourcePresence> = {
  idle: 'connecting',
  buffering: 'buffering',
  ready: 'live',
  error: 'error',
};

export class ReplayController implements PictureSource {
  readonly kind = 'replay';
  readonly capabilities = { canSeek: true, canChangeSpeed: true };
  /** Until a source is attached (tests of the controller alone) it writes the stores directly. */
  private feed: PictureFeed = storeFeed;
  private api: ReplayApi | null = null;
  private driver: ReplayDriver | null = null;
  private clock: PlaybackClock | null = null;
  private frame = 0;
  private lastFrame = 0;
  private lastUi = 0;
  private lastScrub = 0;
  private scrubTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Bumped by every start/open/dispose: an older one still awaiting the server gives up. */
  private run = 0;

  constructor(private readonly serverUrl: string) {}

  listen(feed: PictureFeed): void {
    this.feed = feed;
  }

  close(): void {
    this.dispose();
  }

  /** Reads `?mode=replay&…` and loads it; problems end up in the store, never as exceptions. */
  async start(search: string): Promise<void> {
    this.disposed = false;
    setClockSource(() => this.clock?.state.t ?? Date.now());
    const run = ++this.run;
    let parsed = parseReplayParams(search);
    if (!parsed.ok) return this.fail(parsed.problems);
    let catalogue: Catalogue;
    try {
      catalogue = await fetchCatalogue(this.serverUrl);
    } catch (e) {
      return this.fail([{ key: 'replay.loadFailed', value: message(e) }]);
    }
    if (run !== this.run) return;
    replayStore.setState({ datasets: catalogue.datasets, staleAfterMs: catalogue.staleAfterMs });
    // Wall-clock times of the URL are the dataset's own (a Seattle dataset's 14:00 is Seattle's).
    const dataset = parsed.value.dataset;
    const zone = catalogue.datasets.find((d) => d.name === dataset)?.timeZone;
    if (zone && isKnownZone(zone)) parsed = parseReplayParams(search, zone);
    if (!parsed.ok) return this.fail(parsed.problems);
    await this.open(parsed.value);
  }

  /** Opens a period of a dataset (the period chooser and incident replay come through here). */
  async open(p: ReplayParams): Promise<void> {
    const run = ++this.run;
    const entry = replayStore.getState().datasets.find((d) => d.name === p.dataset);
    if (!entry) return this.fail([{ key: 'replay.unknownDataset', value: p.dataset }]);
    if (entry.first === null || entry.last === null)
      return this.fail([{ key: 'replay.emptyDataset', value: p.dataset }]);
    // An incident replay states its reason itself; otherwise the operator's text from the chooser.
    const reason = p.reason ?? (p.incident ? `Einsatz ${p.incident}` : '');
    const api = new ReplayApi(this.serverUrl, p.dataset, reason);
    const dataEnd = p.dataset === LIVE_DATASET ? Math.max(entry.last, Date.now()) : entry.last;
    let from = p.from;
    let to = p.to;
    let focus: Picture['incidents'][string] | undefined;
    // When the incident entered the picture on the replay clock (the live log's receive time, later
    // than its call time when the call was entered late or its CAD connected mid-shift).
    let entered = 0;
    if (p.incident) {
      try {
        // Wherever it lies in the data: the picture at the end keeps a closed incident only 12 h.
        const found = await api.incident(p.incident);
        focus = found?.incident;
        if (found) {
          entered = found.from;
          const closed = focus?.times.closed !== undefined ? found.to : undefined;
          const period = incidentPeriod({ opened: found.from, closed }, dataEnd);
          from ??= period.from;
          to ??= period.to;
        }
      } catch (e) {
        return this.fail([{ key: 'replay.loadFailed', value: message(e) }]);
      }
      if (run !== this.run) return;
      if (!focus) return this.fail([{ key: 'replay.unknownIncident', value: p.incident }]);
    }
    // An incident's margin before it entered the picture, but not before the data begins (an empty picture).
    if (focus && from !== undefined) from = Math.min(Math.max(from, entry.first), entered);
    to ??= from !== undefined ? Math.min(from + HOUR, dataEnd) : entry.last;
    from ??= Math.max(entry.first, to - HOUR);
    if (!(to > from)) return this.fail([{ key: 'replay.bad.order' }]);
    const t = clamp(p.t ?? from, from, to);

    this.stopLoop();
    this.driver?.dispose();
    // Times of a dataset are shown in its own zone (the control room's for the live log).
    timeZoneStore.getState().setDataZone(entry.timeZone);
    this.api = api;
    this.clock = new PlaybackClock(from, to, t, p.speed);
    this.driver = new ReplayDriver(
      api,
      sinkFor(this.feed),
      { from, to },
      {
        trailWindowMs: TRAIL_WINDOW_MS,
        clock: p.dataset === LIVE_DATASET ? receivedTime : eventTime,
        onStatus: (status, error) => {
          replayStore.setState({ status, error });
          this.feed.presence(PRESENCE[status], error);
        },
      },
    );
    this.driver.speed = p.speed;
    replayStore.setState({
      problems: [],
      dataset: p.dataset,
      reason,
      from,
      to,
      t,
      speed: p.speed,
      playing: false,
      starved: false,
      markers: [],
      activity: null,
      focus: focus
        ? {
            incidentId: focus.id,
            unitIds: [...focus.units],
            lat: focus.location.lat,
            lon: focus.location.lon,
          }
        : null,
    });
    this.feed.scope(p.dataset === LIVE_DATASET ? {} : { dataset: p.dataset, ...(reason ? { reason } : {}) });
    this.writeRoute(p.incident);
    if (focus) selectionStore.getState().select({ kind: 'incident', id: focus.id });
    void this.loadTimeline(api, from, to);
    await this.seekDriver(t);
    this.startLoop();
  }

  toggle(): void {
    if (this.clock?.state.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (!this.clock) return;
    this.clock.play();
    // Play at the end starts over: the picture must follow the clock back to the start.
    if (this.driver && this.clock.state.t < this.driver.playhead) void this.seekDriver(this.clock.state.t);
    this.publish(true);
  }

  /** Pauses and loads the exact picture at the playhead from the server. */
  pause(): void {
    if (!this.clock) return;
    this.clock.pause();
    this.publish(true);
    void this.seekDriver(this.clock.state.t);
  }

  /** Jumps to t; while scrubbing (`exact: false`) at most a few seeks a second and no trail reload. */
  seek(t: number, { exact = true }: { exact?: boolean } = {}): void {
    if (!this.clock || !this.driver) return;
    const target = this.clock.seek(t);
    this.publish(true);
    clearTimeout(this.scrubTimer);
    if (exact) {
      void this.seekDriver(target);
      return;
    }
    const wait = this.lastScrub + SCRUB_EVERY_MS - performance.now();
    if (wait <= 0) {
      this.lastScrub = performance.now();
      void this.seekDriver(target, { trails: false });
    } else {
      this.scrubTimer = setTimeout(() => this.seek(this.clock?.state.t ?? target, { exact: false }), wait);
    }
  }

  step(ms: number): void {
    if (this.clock) this.seek(this.clock.state.t + ms);
  }

  toStart(): void {
    if (this.clock) this.seek(this.clock.state.from);
  }

  toEnd(): void {
    if (this.clock) this.seek(this.clock.state.to);
  }

  setSpeed(speed: Speed): void {
    if (!this.clock || !this.driver) return;
    this.clock.setSpeed(speed);
    this.driver.speed = speed;
    this.publish(true);
    this.writeRoute();
  }

  changeSpeed(dir: 1 | -1): void {
    if (this.clock) this.setSpeed(nextSpeed(this.clock.state.speed, dir));
  }

  /** Retries after an error (seek to where the clock stands). */
  retry(): void {
    if (this.clock) this.seek(this.clock.state.t);
  }

  dispose(): void {
    this.disposed = true;
    this.run++;
    this.stopLoop();
    clearTimeout(this.scrubTimer);
    this.driver?.dispose();
    setClockSource(null);
  }

  /** Every jump of the picture goes through here: the seek counter tells views to drop stale data. */
  private seekDriver(t: number, options?: { trails?: boolean }): Promise<void> {
    if (!this.driver) return Promise.resolve();
    this.feed.seeked();
    return this.driver.seek(t, options);
  }

  private frameLoop = (now: number): void => {
    this.frame = 0;
    if (this.disposed || !this.clock || !this.driver) return;
    const dt = this.lastFrame ? Math.min(250, now - this.lastFrame) : 0;
    this.lastFrame = now;
    const ready = this.driver.status === 'ready';
    const limit = ready ? this.driver.limit() : this.clock.state.t;
    const t = this.clock.tick(dt, limit);
    if (ready) this.driver.advance(t);
    const s = this.clock.state;
    const starved = s.playing && t >= limit && t < s.to;
    const changed =
      starved !== replayStore.getState().starved || s.playing !== replayStore.getState().playing;
    // Playing but waiting for the next page: the source is buffering, as during a seek.
    if (starved !== replayStore.getState().starved && ready)
      this.feed.presence(starved ? 'buffering' : 'live');
    this.publish(changed || now - this.lastUi >= UI_EVERY_MS, starved);
    this.frame = requestAnimationFrame(this.frameLoop);
  };

  private publish(force: boolean, starved = replayStore.getState().starved): void {
    if (!this.clock || !force) return;
    this.lastUi = performance.now();
    const { t, speed, playing } = this.clock.state;
    replayStore.setState({ t, speed, playing, starved });
  }

  private startLoop(): void {
    if (this.disposed || this.frame) return;
    this.lastFrame = 0;
    this.frame = requestAnimationFrame(this.frameLoop);
  }

  private stopLoop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /**
   * Incident markers (every incident called in the period, from the server) and activity. A server
   * without the incidents route: the picture at the end, which keeps closed incidents only 12 h.
   */
  private async loadTimeline(api: ReplayApi, from: number, to: number): Promise<void> {
    try {
      const markers = await api
        .incidents(from, to)
        .catch(async () => markersIn(await api.picture(to), from, to));
      if (this.api !== api) return;
      replayStore.setState({ markers });
      const activity = await api
        .activity(from, to + 1, ACTIVITY_BUCKETS)
        .catch(() => null)
        .then((a) => a ?? activityFromMarkers(markers, from, to, ACTIVITY_BUCKETS));
      if (this.api === api) replayStore.setState({ activity });
    } catch {
      // The timeline stays without markers; the picture itself reports its own errors.
    }
  }

  private writeRoute(incident?: string): void {
    const s = replayStore.getState();
    const focus = incident ?? s.focus?.incidentId;
    const search = replaySearch({
      dataset: s.dataset,
      from: s.from,
      to: s.to,
      speed: s.speed,
      ...(focus ? { incident: focus } : {}),
      ...(s.reason ? { reason: s.reason } : {}),
    });
    history.replaceState(null, '', `${location.pathname}${search}`);
  }

  private fail(problems: Problem[]): void {
    this.stopLoop();
    replayStore.setState({ problems, status: 'error' });
    this.feed.presence('error', problems[0]?.key ?? null);
  }
}

export function findIncident(picture: Picture, idOrNumber: string): Picture['incidents'][string] | undefined {
  return (
    picture.incidents[idOrNumber] ?? Object.values(picture.incidents).find((i) => i.number === idOrNumber)
  );
}

export function markersIn(picture: Picture, from: number, to: number): Marker[] {
  return Object.values(picture.incidents)
    .filter((i) => i.times.opened >= from && i.times.opened <= to)
    .map((i) => ({
      id: i.id,
      number: i.number,
      type: i.type,
      priority: i.priority,
      opened: i.times.opened,
      at: i.times.opened,
      closed: i.times.closed,
    }))
    .sort((a, b) => a.at - b.at);
}

/** Incidents opened per bucket: the sparkline when the server has no activity counts for the period. */
export function activityFromMarkers(markers: readonly Marker[], from: number, to: number, buckets: number) {
  const width = (to - from) / buckets;
  const events = new Array<number>(buckets).fill(0);
  for (const m of markers) {
    const i = Math.min(buckets - 1, Math.floor((m.at - from) / width));
    if (i >= 0) events[i]! += 1;
  }
  return { from: events.map((_, i) => from + i * width), events };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
