/**
 * Replay API: the picture at any time T and the events of a period, from the live log or from an
 * imported dataset (never mixed). Positions in event pages travel as the same compact tuples as live
 * batches.
 */
import { encodeBatch } from '#shared/wire';
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import { DatasetError, listDatasets } from '../replay/dataset.ts';
import {
  countsPerDay,
  eventsInRange,
  openDataset,
  pictureAt,
  type Dataset,
  type ReplaySource,
} from '../replay/query.ts';
import { HttpError } from './respond.ts';
import { intParam, timeParam } from './params.ts';

export class ReplayRoutes {
  private readonly open = new Map<string, Dataset>();

  constructor(
    private readonly dataDir: string,
    private readonly lage: Lage,
    private readonly db: Db,
  ) {}

  handle(route: string, url: URL): unknown {
    if (route === '/replay/datasets') {
      const { datasets, problems } = listDatasets(this.dataDir);
      const range = this.db
        .prepare('SELECT MIN(time) AS first, MAX(time) AS last, COUNT(*) AS events FROM events')
        .get();
      return { live: range, datasets, problems };
    }
    const source = this.source(url.searchParams.get('dataset') ?? 'live');
    if (route === '/replay/picture') {
      const t = timeParam(url, 't');
      const picture = pictureAt(source, t);
      return { t, seq: picture.seq, picture };
    }
    if (route === '/replay/events') {
      const from = timeParam(url, 'from');
      const to = timeParam(url, 'to');
      if (to <= from) throw new HttpError(400, 'to must be after from');
      const limit = intParam(url, 'limit', 10_000, 1, 100_000);
      const afterSeq = intParam(url, 'afterSeq', 0, 0, Number.MAX_SAFE_INTEGER);
      const page = eventsInRange(source, from, to, { limit, afterSeq });
      const { events, positions } = encodeBatch({ from: 1, to: 0, now: 0, events: page.events });
      return { from, to, events, positions, nextAfterSeq: page.nextAfterSeq ?? null };
    }
    if (route === '/replay/counts') {
      if (!('info' in source)) throw new HttpError(400, 'counts per day are available for imported datasets');
      return { days: countsPerDay(source as Dataset) };
    }
    throw new HttpError(404, `no such API route: /api/v1${route}`);
  }

  close(): void {
    for (const ds of this.open.values()) ds.close();
    this.open.clear();
  }

  private source(name: string): ReplaySource {
    if (name === 'live') return { db: this.db, log: this.lage.log, snapshots: this.lage.snapshots };
    let ds = this.open.get(name);
    if (!ds) {
      try {
        ds = openDataset(this.dataDir, name);
      } catch (err) {
        if (err instanceof DatasetError)
          throw new HttpError(404, err.message.replace(this.dataDir, 'the data dir'));
        throw err;
      }
      this.open.set(name, ds);
    }
    return ds;
  }
}
