// The replay driver against a log in memory with the server's query rules: seeking then playing
// must give exactly the picture the shared reducer gives for the log up to that time.
import { describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import { ReplayDriver, type ReplaySink, type ReplayStatus } from './driver.ts';
import { MemorySource } from './memorySource.ts';
import { T0, testLog } from './testLog.ts';

class PictureSink implements ReplaySink {
  picture: Picture = emptyPicture();
  replaced = 0;
  folds = 0;
  trailPoints: LageEvent[] = [];
  replace(picture: Picture): void {
    this.picture = picture;
    this.replaced++;
  }
  fold(events: readonly LageEvent[], toSeq: number): void {
    this.picture = { ...applyAll(this.picture, events), seq: toSeq };
    this.folds++;
  }
  trails(positions: readonly LageEvent[]): void {
    this.trailPoints = [...positions];
  }
}

const log = testLog(30);
const FROM = T0;
const TO = T0 + 30 * 60_000;
const expected = (t: number): Picture =>
  applyAll(
    emptyPicture(),
    log.filter((e) => e.time <= t),
  );
/** Lets every pending page request settle. */
const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

function setup(pageSize = 500, statuses: ReplayStatus[] = []) {
  const source = new MemorySource(log);
  const sink = new PictureSink();
  const driver = new ReplayDriver(
    source,
    sink,
    { from: FROM, to: TO },
    {
      pageSize,
      trailWindowMs: 5 * 60_000,
      onStatus: (s) => statuses.push(s),
    },
  );
  return { source, sink, driver };
}

/** Plays from the driver's playhead to `to` in frames of `stepMs` simulated time, as the view's clock would. */
async function playTo(driver: ReplayDriver, to: number, stepMs: number): Promise<void> {
  let t = driver.playhead;
  while (t < to) {
    await settle();
    const next = Math.min(to, t + stepMs, driver.limit());
    driver.advance(next);
    t = driver.playhead;
  }
}

describe('replay driver', () => {
  it('a seek puts exactly the picture at T in the sink', async () => {
    const statuses: ReplayStatus[] = [];
    const { sink, driver } = setup(500, statuses);
    const t = T0 + 7 * 60_000 + 500;
    await driver.seek(t);
    expect(sink.picture).toEqual(expected(t));
    expect(statuses.slice(0, 2)).toEqual(['buffering', 'ready']);
    expect(Object.keys(sink.picture.incidents)).toEqual(['E1', 'E2', 'E3']);
  });

  it('seek then play applies exactly the events up to T (paged, in many frames)', async () => {
    const { sink, driver } = setup(300);
    await driver.seek(T0 + 60_000);
    for (const t of [T0 + 3 * 60_000 + 250, T0 + 9 * 60_000, T0 + 17 * 60_000 + 1]) {
      await playTo(driver, t, 777);
      expect(driver.playhead).toBe(t);
      expect(sink.picture).toEqual({ ...expected(t), seq: sink.picture.seq });
      expect(sink.picture.seq).toBe(expected(t).seq);
    }
  });

  it('playing fast to the end gives the picture of the whole log', async () => {
    const { sink, driver } = setup(1000);
    driver.speed = 3600;
    await driver.seek(FROM);
    await playTo(driver, TO, 60_000);
    expect(sink.picture).toEqual(applyAll(emptyPicture(), log));
    expect(driver.limit()).toBe(Infinity);
  });

  it('never lets the clock past what is buffered', async () => {
    const { driver } = setup(50);
    await driver.seek(T0 + 60_000);
    const limit = driver.limit();
    expect(limit).toBeGreaterThanOrEqual(T0 + 60_000);
    expect(limit).toBeLessThan(TO);
    driver.advance(TO);
    expect(driver.playhead).toBe(limit);
  });

  it('seeking back replaces the picture; a superseded seek is dropped', async () => {
    const { sink, driver } = setup(500);
    await driver.seek(T0 + 20 * 60_000);
    await playTo(driver, T0 + 22 * 60_000, 1000);
    const first = driver.seek(T0 + 25 * 60_000);
    const second = driver.seek(T0 + 2 * 60_000 + 10);
    await Promise.all([first, second]);
    expect(sink.picture).toEqual(expected(T0 + 2 * 60_000 + 10));
    expect(driver.playhead).toBe(T0 + 2 * 60_000 + 10);
    await playTo(driver, T0 + 4 * 60_000, 5000);
    expect(sink.picture).toEqual({ ...expected(T0 + 4 * 60_000), seq: sink.picture.seq });
  });

  it('loads the positions of the minutes before T for the trails', async () => {
    const { sink, driver } = setup(10_000);
    const t = T0 + 10 * 60_000;
    await driver.seek(t);
    await settle();
    expect(sink.trailPoints.length).toBeGreaterThan(0);
    expect(Math.min(...sink.trailPoints.map((e) => e.time))).toBeLessThan(t - 290_000);
    expect(
      sink.trailPoints.every((e) => e.type === 'unit.position' && e.time <= t && e.time >= t - 300_000),
    ).toBe(true);
    sink.trailPoints = [];
    await driver.seek(t, { trails: false });
    await settle();
    expect(sink.trailPoints).toEqual([]);
  });

  it('narrows a trail window too busy for one page instead of drawing its oldest part', async () => {
    const { sink, driver } = setup(50);
    const t = T0 + 10 * 60_000;
    await driver.seek(t);
    await settle();
    // 5 min and 75 s hold more than 50 events; the last 18.75 s fit.
    expect(sink.trailPoints.length).toBeGreaterThan(0);
    expect(sink.trailPoints.every((e) => e.time >= t - 18_750 && e.time <= t)).toBe(true);
    expect(sink.picture).toEqual(expected(t));
  });

  it('reports a failing source as an error, not an exception', async () => {
    const statuses: ReplayStatus[] = [];
    const sink = new PictureSink();
    const driver = new ReplayDriver(
      {
        picture: () => Promise.reject(new Error('no dataset "x"')),
        events: () => Promise.reject(new Error('unreachable')),
      },
      sink,
      { from: FROM, to: TO },
      { onStatus: (s) => statuses.push(s) },
    );
    await driver.seek(FROM);
    expect(driver.status).toBe('error');
    expect(driver.error).toBe('no dataset "x"');
    expect(statuses).toEqual(['buffering', 'error']);
    driver.advance(TO);
    expect(sink.folds).toBe(0);
  });
});
