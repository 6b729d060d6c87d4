import { describe, expect, it } from 'vitest';
import { PlaybackClock } from './clock.ts';
import { nextSpeed, SPEEDS } from './speeds.ts';

const FROM = 1_000_000;
const TO = FROM + 3_600_000;

describe('playback clock', () => {
  it('does not move while paused', () => {
    const c = new PlaybackClock(FROM, TO, FROM, 60);
    expect(c.tick(1000)).toBe(FROM);
  });

  it('moves by real time times speed while playing', () => {
    const c = new PlaybackClock(FROM, TO, FROM, 60);
    c.play();
    expect(c.tick(16)).toBe(FROM + 960);
    c.setSpeed(0.5);
    expect(c.tick(1000)).toBe(FROM + 960 + 500);
    c.setSpeed(3600);
    expect(c.tick(100)).toBe(FROM + 1460 + 360_000);
  });

  it('pause stops and play resumes from where it stood', () => {
    const c = new PlaybackClock(FROM, TO, FROM, 10);
    c.play();
    c.tick(1000);
    c.pause();
    c.tick(5000);
    expect(c.state.t).toBe(FROM + 10_000);
    c.toggle();
    expect(c.state.playing).toBe(true);
    c.tick(100);
    expect(c.state.t).toBe(FROM + 11_000);
  });

  it('stops at the end of the period and starts over on play', () => {
    const c = new PlaybackClock(FROM, TO, TO - 1000, 60);
    c.play();
    expect(c.tick(1000)).toBe(TO);
    expect(c.state.playing).toBe(false);
    c.play();
    expect(c.state.t).toBe(FROM);
  });

  it('clamps seeks and steps to the period', () => {
    const c = new PlaybackClock(FROM, TO);
    expect(c.step(-10_000)).toBe(FROM);
    expect(c.step(60_000)).toBe(FROM + 60_000);
    expect(c.seek(TO + 5)).toBe(TO);
    expect(c.step(10_000)).toBe(TO);
    expect(new PlaybackClock(FROM, TO, FROM - 99).state.t).toBe(FROM);
  });

  it('waits at the buffer limit and never goes backwards', () => {
    const c = new PlaybackClock(FROM, TO, FROM, 60);
    c.play();
    expect(c.tick(1000, FROM + 20_000)).toBe(FROM + 20_000);
    expect(c.state.playing).toBe(true);
    expect(c.tick(1000, FROM + 5_000)).toBe(FROM + 20_000);
    expect(c.tick(1000, Infinity)).toBe(FROM + 80_000);
  });

  it('refuses a period that ends before it starts and unknown speeds', () => {
    expect(() => new PlaybackClock(TO, FROM)).toThrow(/after/);
    expect(() => new PlaybackClock(FROM, FROM)).toThrow(/after/);
    expect(() => new PlaybackClock(FROM, TO).setSpeed(7)).toThrow(/speed/);
  });

  it('offers 0.5x to 3600x and steps through them', () => {
    expect(SPEEDS[0]).toBe(0.5);
    expect(SPEEDS.at(-1)).toBe(3600);
    expect(nextSpeed(60, 1)).toBe(120);
    expect(nextSpeed(60, -1)).toBe(30);
    expect(nextSpeed(3600, 1)).toBe(3600);
    expect(nextSpeed(0.5, -1)).toBe(0.5);
  });
});
