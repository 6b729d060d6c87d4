/**
 * Activity of a period for the replay timeline's sparkline: events per equal time bucket, by the
 * log's replay clock. Bucket edges become seqs by binary search (clock.ts), so each bucket is one
 * primary-key range count and no clock index is needed.
 */
import { seqAt, type Clocked } from './clock.ts';

export const MAX_BUCKETS = 1_000;

export interface ActivityBucket {
  /** Start of the bucket (epoch ms); the last one ends at the period's `to`. */
  from: number;
  events: number;
}

export function activity(src: Clocked, from: number, to: number, buckets: number): ActivityBucket[] {
  if (!(to > from)) throw new RangeError('to must be after from');
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_BUCKETS)
    throw new RangeError(`buckets must be an integer from 1 to ${MAX_BUCKETS}`);
  const count = src.db.prepare('SELECT COUNT(*) AS n FROM events WHERE seq > ? AND seq <= ?');
  const width = (to - from) / buckets;
  const out: ActivityBucket[] = [];
  let lower = seqAt(src, from, true);
  for (let i = 0; i < buckets; i++) {
    const start = from + i * width;
    const end = i === buckets - 1 ? to : from + (i + 1) * width;
    const upper = seqAt(src, end, true);
    const n = upper > lower ? (count.get(lower, upper) as { n: number }).n : 0;
    out.push({ from: Math.round(start), events: n });
    lower = upper;
  }
  return out;
}
