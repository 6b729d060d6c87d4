import { describe, expect, it } from 'vitest';
import { replayKeyAction } from './keys.ts';

describe('replay keyboard', () => {
  it('maps space, arrows with and without shift, home/end and +/-', () => {
    expect(replayKeyAction({ key: ' ' })).toEqual({ kind: 'toggle' });
    expect(replayKeyAction({ key: 'ArrowLeft' })).toEqual({ kind: 'step', ms: -10_000 });
    expect(replayKeyAction({ key: 'ArrowRight' })).toEqual({ kind: 'step', ms: 10_000 });
    expect(replayKeyAction({ key: 'ArrowLeft', shiftKey: true })).toEqual({ kind: 'step', ms: -60_000 });
    expect(replayKeyAction({ key: 'ArrowRight', shiftKey: true })).toEqual({ kind: 'step', ms: 60_000 });
    expect(replayKeyAction({ key: 'Home' })).toEqual({ kind: 'start' });
    expect(replayKeyAction({ key: 'End' })).toEqual({ kind: 'end' });
    expect(replayKeyAction({ key: '+' })).toEqual({ kind: 'speed', dir: 1 });
    expect(replayKeyAction({ key: '-' })).toEqual({ kind: 'speed', dir: -1 });
  });

  it('leaves other keys and modified keys to the browser', () => {
    expect(replayKeyAction({ key: 'a' })).toBeNull();
    expect(replayKeyAction({ key: 'ArrowLeft', ctrlKey: true })).toBeNull();
    expect(replayKeyAction({ key: ' ', altKey: true })).toBeNull();
    expect(replayKeyAction({ key: 'ArrowUp' })).toBeNull();
  });
});
