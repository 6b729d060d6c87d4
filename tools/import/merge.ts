/**
 * Drafts of many groups (an incident's events) in log order without staging them in SQLite: a
 * group's drafts are made only when its first one is due, and a heap merges the groups under way.
 * Needs every group's drafts to sort at or after the group's first key (an incident opens before
 * anything else of it happens); a group that breaks this is an error in the converter, never reordered.
 */
import type { Draft } from './drafts.ts';

export interface LogKey {
  time: number;
  line: number;
  sub: number;
}

/** The order of the log: time, then file line, then the place within the row. */
export const byLogOrder = (a: LogKey, b: LogKey): number =>
  a.time - b.time || a.line - b.line || a.sub - b.sub;

interface Cursor {
  drafts: Draft[];
  i: number;
}

export interface Merged {
  drafts: Iterable<Draft>;
  /** How many drafts there will be: extrapolated from the groups made so far, exact at the end. */
  expected(): number;
}

/** `loose`: drafts of no group (unit registrations), merged in as they are. */
export function mergeGroups<G>(
  groups: readonly G[],
  first: (g: G) => LogKey,
  make: (g: G) => Draft[],
  loose: Draft[],
): Merged {
  let made = 0;
  let groupsMade = 0;
  const counted = (drafts: Draft[]) => {
    made += drafts.length;
    groupsMade++;
    return drafts;
  };
  return {
    drafts: merge(groups, first, (g) => counted(make(g)), loose),
    expected: () =>
      loose.length +
      made +
      (groupsMade === 0 ? 0 : Math.round(((groups.length - groupsMade) * made) / groupsMade)),
  };
}

function* merge<G>(
  groups: readonly G[],
  first: (g: G) => LogKey,
  make: (g: G) => Draft[],
  loose: Draft[],
): Generator<Draft> {
  const order = [...groups].sort((a, b) => byLogOrder(first(a), first(b)));
  const heap: Cursor[] = [];
  const at = (c: Cursor) => c.drafts[c.i]!;
  const less = (a: Cursor, b: Cursor) => byLogOrder(at(a), at(b)) < 0;
  const down = (k: number) => {
    const c = heap[k]!;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && less(heap[child + 1]!, heap[child]!)) child++;
      if (!less(heap[child]!, c)) break;
      heap[k] = heap[child]!;
      k = child;
    }
    heap[k] = c;
  };
  const push = (c: Cursor) => {
    let k = heap.length;
    heap.push(c);
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!less(c, heap[parent]!)) break;
      heap[k] = heap[parent]!;
      k = parent;
    }
    heap[k] = c;
  };
  if (loose.length) push({ drafts: [...loose].sort(byLogOrder), i: 0 });
  let next = 0;
  for (;;) {
    while (next < order.length && (heap.length === 0 || byLogOrder(first(order[next]!), at(heap[0]!)) <= 0)) {
      const g = order[next++]!;
      const drafts = make(g).sort(byLogOrder);
      if (drafts.length === 0) continue;
      if (byLogOrder(drafts[0]!, first(g)) < 0)
        throw new Error(`a group has a draft (line ${drafts[0]!.line}) before its first key`);
      push({ drafts, i: 0 });
    }
    if (heap.length === 0) return;
    const top = heap[0]!;
    yield at(top);
    top.i++;
    if (top.i < top.drafts.length) down(0);
    else {
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        down(0);
      }
    }
  }
}
