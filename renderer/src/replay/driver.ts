/**
 * The replay driver: seeks by loading the picture at T from the server (snapshot + events, folded
 * by the same reducer as live) and plays forward by folding buffered event pages up to the
 * playhead. Pages are fetched ahead of the playhead (more the faster it plays); the clock may only
 * run as far as the buffer reaches. Every seek bumps a generation, so answers to an older seek are
 * dropped (Foxglove's seek counter). No timers: the view calls `advance` once per frame.
 */
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { ReplaySource } from './source.ts';

export type ReplayStatus = 'idle' | 'buffering' | 'ready' | 'error';

export interface ReplaySink {
  /** The picture at the seek time replaces whatever was shown (views drop what they derived). */
  replace(picture: Picture, t: number): void;
  /** Events after the picture, in log order, folded in one update; toSeq = the last one's seq. */
  fold(events: readonly LageEvent[], toSeq: number): void;
  /** Positions of the minutes before the seek time (oldest first), to draw trails that lead up to T. */
  trails?(positions: readonly LageEvent[]): void;
}

export interface DriverOptions {
  /** Events per page (the server allows up to 100,000). */
  pageSize?: number;
  /** Trails shown after a seek start this long before T (0: none). */
  trailWindowMs?: number;
  /** Fetching ahead stops when this many events wait in the buffer. */
  maxBuffered?: number;
  onStatus?: (status: ReplayStatus, error: string | null) => void;
  /**
   * When an event became part of the picture, the log's replay clock: `time` for imported datasets
   * (sorted by it), `received` for the live log (what the dashboards showed at T). Default `time`.
   */
  clock?: (e: LageEvent) => number;
}

export const eventTime = (e: LageEvent): number => e.time;
export const receivedTime = (e: LageEvent): number => e.received;

interface Cursor {
  afterSeq: number;
  exhausted: boolean;
  /** Every event with time <= covered is in the buffer (or folded already). */
  covered: number;
}

/** Simulated time to keep buffered ahead of the playhead at a speed: 15 s of real playback, at least 30 s. */
export const lookaheadMs = (speed: number): number => Math.max(30_000, speed * 15_000);

export class ReplayDriver {
  status: ReplayStatus = 'idle';
  error: string | null = null;
  /** Seq of the last event folded into the sink's picture. */
  appliedSeq = 0;
  /** Time of the picture in the sink. */
  playhead: number;
  speed = 1;
  private gen = 0;
  private abort: AbortController | null = null;
  private buffer: LageEvent[] = [];
  private next = 0;
  private cursor: Cursor = { afterSeq: 0, exhausted: true, covered: -Infinity };
  private fetching = false;
  private readonly pageSize: number;
  private readonly trailWindowMs: number;
  private readonly maxBuffered: number;
  private readonly clockOf: (e: LageEvent) => number;

  constructor(
    private readonly source: ReplaySource,
    private readonly sink: ReplaySink,
    private period: { from: number; to: number },
    private readonly options: DriverOptions = {},
  ) {
    this.playhead = period.from;
    this.pageSize = options.pageSize ?? 10_000;
    this.trailWindowMs = options.trailWindowMs ?? 0;
    this.maxBuffered = options.maxBuffered ?? 300_000;
    this.clockOf = options.clock ?? eventTime;
  }

  /** How far the clock may run: the end of what is buffered (Infinity once the period is loaded). */
  limit(): number {
    return this.cursor.exhausted ? Infinity : this.cursor.covered;
  }

  /** Events waiting in the buffer (not folded yet). */
  buffered(): number {
    return this.buffer.length - this.next;
  }

  /**
   * Loads the picture at t and restarts the buffer there. `trails`: then also load the positions of
   * the trail window before t (skipped while scrubbing). Resolves when the picture is in the sink (or
   * the seek was superseded, or failed: see status); the trails follow.
   */
  async seek(t: number, { trails = true }: { trails?: boolean } = {}): Promise<void> {
    const gen = ++this.gen;
    this.abort?.abort();
    const ctrl = new AbortController();
    this.abort = ctrl;
    this.fetching = false;
    this.setStatus('buffering');
    try {
      const picture = await this.source.picture(t, ctrl.signal);
      if (gen !== this.gen) return;
      this.buffer = [];
      this.next = 0;
      this.appliedSeq = picture.seq;
      this.playhead = t;
      this.cursor = { afterSeq: picture.seq, exhausted: false, covered: t };
      this.sink.replace(picture, t);
      this.setStatus('ready');
      this.pump();
      if (trails && this.trailWindowMs > 0) void this.loadTrails(gen, t, picture.seq, ctrl.signal);
    } catch (e) {
      if (gen !== this.gen || ctrl.signal.aborted) return;
      this.setStatus('error', e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * The positions of the trail window before t, after the picture is shown. A window too busy for
   * one page is narrowed (to a quarter, down to 10 s) rather than drawn from its oldest part only.
   */
  private async loadTrails(gen: number, t: number, seq: number, signal: AbortSignal): Promise<void> {
    const trails = this.sink.trails?.bind(this.sink);
    if (!trails) return;
    for (let w = Math.min(this.trailWindowMs, t - this.period.from); w >= 10_000; w /= 4) {
      const page = await this.source.events(t - w, t + 1, 0, this.pageSize, signal).catch(() => null);
      if (gen !== this.gen || !page) return;
      if (page.nextAfterSeq === null) {
        trails(page.events.filter((e) => e.type === 'unit.position' && e.seq <= seq));
        return;
      }
    }
  }

  /** Folds every buffered event up to t into the sink (one update) and fetches ahead as needed. */
  advance(t: number): void {
    if (this.status !== 'ready') return;
    const until = Math.min(t, this.limit());
    const out: LageEvent[] = [];
    let i = this.next;
    for (; i < this.buffer.length; i++) {
      const e = this.buffer[i]!;
      if (this.clockOf(e) > until) break;
      if (e.seq > this.appliedSeq) out.push(e);
    }
    this.next = i;
    if (until > this.playhead) this.playhead = until;
    if (out.length > 0) {
      this.appliedSeq = out[out.length - 1]!.seq;
      this.sink.fold(out, this.appliedSeq);
    }
    // Drop what has been folded now and then, not on every frame.
    if (this.next > 50_000) {
      this.buffer = this.buffer.slice(this.next);
      this.next = 0;
    }
    this.pump();
  }

  /** The period to play (a new choice): the caller seeks afterwards. */
  setPeriod(period: { from: number; to: number }): void {
    this.period = period;
  }

  dispose(): void {
    this.gen++;
    this.abort?.abort();
  }

  private pump(): void {
    const c = this.cursor;
    if (this.fetching || c.exhausted || this.status !== 'ready') return;
    if (c.covered - this.playhead >= lookaheadMs(this.speed) || this.buffered() >= this.maxBuffered) return;
    const gen = this.gen;
    const signal = this.abort?.signal;
    this.fetching = true;
    this.source.events(this.period.from, this.period.to + 1, c.afterSeq, this.pageSize, signal).then(
      (page) => {
        if (gen !== this.gen) return;
        this.fetching = false;
        for (const e of page.events) this.buffer.push(e);
        const last = page.events[page.events.length - 1];
        if (page.nextAfterSeq === null || !last) {
          this.cursor = { afterSeq: last?.seq ?? c.afterSeq, exhausted: true, covered: Infinity };
        } else {
          // More may follow at the last event's own time: covered up to just before it.
          this.cursor = {
            afterSeq: page.nextAfterSeq,
            exhausted: false,
            covered: Math.max(c.covered, this.clockOf(last) - 1),
          };
        }
        this.pump();
      },
      (e: unknown) => {
        if (gen !== this.gen || signal?.aborted) return;
        this.fetching = false;
        this.setStatus('error', e instanceof Error ? e.message : String(e));
      },
    );
  }

  private setStatus(status: ReplayStatus, error: string | null = null): void {
    this.status = status;
    this.error = error;
    this.options.onStatus?.(status, error);
  }
}
