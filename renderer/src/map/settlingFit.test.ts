import { describe, expect, it } from 'vitest';
import type { Bounds } from './features.ts';
import { REFIT_EVERY_MS, SETTLE_MS, SettlingFit } from './settlingFit.ts';

function setup() {
  let now = 1_000_000;
  const fits: Bounds[] = [];
  // The map shows a little more than what it framed (fitBounds pads).
  const fit = new SettlingFit(
    (b) => {
      fits.push(b);
      return true;
    },
    () => {
      const [w, s, e, n] = fits.at(-1) ?? [0, 0, 0, 0];
      return [w - 0.01, s - 0.01, e + 0.01, n + 0.01];
    },
    () => now,
  );
  return { fit, fits, advance: (ms: number) => (now += ms) };
}

const ONE_UNIT: Bounds = [6.95, 50.94, 6.95, 50.94];
const CITY: Bounds = [6.77, 50.83, 7.16, 51.08];

describe('the first view while the picture settles', () => {
  it('frames the first unit, then the whole fleet once its fixes arrive', () => {
    const { fit, fits, advance } = setup();
    fit.update(null);
    expect(fits).toEqual([]);
    fit.update(ONE_UNIT);
    advance(REFIT_EVERY_MS);
    fit.update(CITY);
    expect(fits).toEqual([ONE_UNIT, CITY]);
    // Units moving inside the view change nothing, also a little beyond what was framed.
    advance(REFIT_EVERY_MS);
    fit.update([6.8, 50.9, 7.1, 51.0]);
    fit.update([6.765, 50.825, 7.165, 51.085]);
    expect(fits).toHaveLength(2);
  });

  it('refits at most every REFIT_EVERY_MS, and not after SETTLE_MS', () => {
    const { fit, fits, advance } = setup();
    fit.update(ONE_UNIT);
    advance(REFIT_EVERY_MS - 1);
    fit.update(CITY);
    expect(fits).toHaveLength(1);
    advance(1);
    fit.update(CITY);
    expect(fits).toHaveLength(2);
    advance(SETTLE_MS);
    expect(fit.done).toBe(true);
    fit.update([5, 50, 8, 52]);
    expect(fits).toHaveLength(2);
  });

  it('stops for good when the operator takes over', () => {
    const { fit, fits, advance } = setup();
    fit.update(ONE_UNIT);
    fit.stop();
    advance(REFIT_EVERY_MS);
    fit.update(CITY);
    expect(fits).toEqual([ONE_UNIT]);
    expect(fit.done).toBe(true);
  });
});
