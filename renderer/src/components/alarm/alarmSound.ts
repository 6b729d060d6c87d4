/**
 * The emergency alarm sound, generated with WebAudio (no sound file): a two-tone horn alternating
 * between 440 Hz and 585 Hz, the German "Martinshorn" pitches, driven by a square-wave LFO on the
 * tone's frequency so it needs no timers. Browsers keep audio suspended until the user has touched
 * the page; until then the alarm reports "blocked" and the banner asks for a click.
 */
export const LOW_HZ = 440;
export const HIGH_HZ = 585;
/** Seconds per tone. */
export const TONE_S = 0.65;
const VOLUME = 0.12;

export type SoundState = 'off' | 'playing' | 'blocked' | 'unsupported';

/** The horn's tone at time `t` seconds after it started (what the LFO produces). */
export const toneAt = (t: number): number => (Math.floor(t / TONE_S) % 2 === 0 ? HIGH_HZ : LOW_HZ);

type AudioCtor = typeof AudioContext;

export class AlarmSound {
  private ctx: AudioContext | null = null;
  private nodes: { stop(): void } | null = null;
  private listeners = new Set<(s: SoundState) => void>();
  state: SoundState = 'off';

  /** The audio context, created on first use (inside a user gesture if possible). */
  prepare(): AudioContext | null {
    if (this.ctx) return this.ctx;
    const Ctor = (globalThis as { AudioContext?: AudioCtor }).AudioContext;
    if (!Ctor) return null;
    this.ctx = new Ctor();
    return this.ctx;
  }

  private set(state: SoundState) {
    this.state = state;
    for (const l of this.listeners) l(state);
  }

  onChange(listener: (s: SoundState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call from a user gesture: lets a suspended context play (and a blocked alarm sound). */
  unlock(): void {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'suspended') return;
    void ctx.resume().then(() => {
      if (this.nodes && ctx.state === 'running') this.set('playing');
    });
  }

  start(): void {
    if (this.nodes) return;
    const ctx = this.prepare();
    if (!ctx) return this.set('unsupported');
    const tone = ctx.createOscillator();
    tone.type = 'sawtooth';
    tone.frequency.value = (LOW_HZ + HIGH_HZ) / 2;
    const lfo = ctx.createOscillator();
    lfo.type = 'square';
    lfo.frequency.value = 1 / (2 * TONE_S);
    const depth = ctx.createGain();
    depth.gain.value = (HIGH_HZ - LOW_HZ) / 2;
    const volume = ctx.createGain();
    volume.gain.value = VOLUME;
    lfo.connect(depth).connect(tone.frequency);
    tone.connect(volume).connect(ctx.destination);
    tone.start();
    lfo.start();
    this.nodes = {
      stop: () => {
        tone.stop();
        lfo.stop();
        tone.disconnect();
        volume.disconnect();
      },
    };
    if (ctx.state === 'running') this.set('playing');
    else {
      this.set('blocked');
      this.unlock();
    }
  }

  stop(): void {
    this.nodes?.stop();
    this.nodes = null;
    this.set('off');
  }
}

export const alarmSound = new AlarmSound();

/** Unlocks audio on the first click or key press, so a later alarm can sound at once. */
export function installAudioUnlock(): () => void {
  const unlock = () => {
    // Creating or resuming the context inside a gesture is what browsers allow: do it now, silently.
    alarmSound.prepare();
    alarmSound.unlock();
  };
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);
  return () => {
    window.removeEventListener('pointerdown', unlock, true);
    window.removeEventListener('keydown', unlock, true);
  };
}
