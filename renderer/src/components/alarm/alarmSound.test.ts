import { describe, expect, it } from 'vitest';
import { AlarmSound, HIGH_HZ, LOW_HZ, TONE_S, toneAt } from './alarmSound.ts';

describe('alarm sound', () => {
  it('alternates the two horn tones every TONE_S seconds', () => {
    expect([0, TONE_S - 0.01, TONE_S, 2 * TONE_S + 0.01].map(toneAt)).toEqual([
      HIGH_HZ,
      HIGH_HZ,
      LOW_HZ,
      HIGH_HZ,
    ]);
  });

  it('reports "unsupported" where there is no WebAudio, and "off" after stop', () => {
    const s = new AlarmSound();
    const seen: string[] = [];
    s.onChange((x) => seen.push(x));
    s.start();
    s.stop();
    expect(seen).toEqual(['unsupported', 'off']);
  });
});
