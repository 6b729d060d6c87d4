/**
 * The replay's playback clock as a pure state machine: the playhead T inside [from, to], a speed and
 * playing/paused. The view drives it with requestAnimationFrame (`tick` with the real milliseconds
 * since the last frame); tests drive it by hand. `limit` holds the playhead where buffered data ends.
 */
import { DEFAULT_SPEED, isSpeed, type Speed } from './speeds.ts';

export interface ClockState {
  from: number;
  to: number;
  t: number;
  speed: Speed;
  playing: boolean;
}

export class PlaybackClock {
  private s: ClockState;

  constructor(from: number, to: number, t = from, speed: Speed = DEFAULT_SPEED) {
    if (!(to > from)) throw new RangeError('replay period: "to" must be after "from"');
    this.s = { from, to, t: clamp(t, from, to), speed, playing: false };
  }

  get state(): Readonly<ClockState> {
    return this.s;
  }

  /**
   * Moves the playhead on by `realMs * speed` while playing, never past `to` (playback stops there)
   * nor past `limit` (data not loaded yet: the clock waits there). Returns the new playhead.
   */
  tick(realMs: number, limit = Infinity): number {
    const s = this.s;
    if (!s.playing || !(realMs > 0)) return s.t;
    const next = Math.min(s.t + realMs * s.speed, s.to);
    s.t = Math.max(s.t, Math.min(next, limit));
    if (s.t >= s.to) s.playing = false;
    return s.t;
  }

  /** Starts playing; at the end it starts over from the beginning. */
  play(): void {
    if (this.s.t >= this.s.to) this.s.t = this.s.from;
    this.s.playing = true;
  }

  pause(): void {
    this.s.playing = false;
  }

  toggle(): void {
    if (this.s.playing) this.pause();
    else this.play();
  }

  /** Jumps to t (clamped to the period); keeps playing or paused. Returns the new playhead. */
  seek(t: number): number {
    this.s.t = clamp(t, this.s.from, this.s.to);
    return this.s.t;
  }

  step(deltaMs: number): number {
    return this.seek(this.s.t + deltaMs);
  }

  setSpeed(speed: number): void {
    if (!isSpeed(speed)) throw new RangeError(`unknown replay speed ${speed}`);
    this.s.speed = speed;
  }
}

export const clamp = (t: number, from: number, to: number): number => Math.min(to, Math.max(from, t));
