/**
 * Closed incidents by closing time, earliest first (a binary min-heap), so the reducer can drop
 * those past retention without scanning every incident at every opening. Entries may be stale (the
 * incident was dropped, reopened or closed again): the reducer checks each one it takes out.
 */
export class ClosedQueue {
  private readonly times: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.times.length;
  }

  /** The earliest closing time queued (undefined when empty). */
  peek(): number | undefined {
    return this.times[0];
  }

  push(time: number, id: string): void {
    const t = this.times;
    const ids = this.ids;
    let i = t.length;
    t.push(time);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (t[parent]! <= time) break;
      t[i] = t[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    t[i] = time;
    ids[i] = id;
  }

  /** Takes out the earliest entry. */
  pop(): [time: number, id: string] | undefined {
    const t = this.times;
    const ids = this.ids;
    if (t.length === 0) return undefined;
    const top: [number, string] = [t[0]!, ids[0]!];
    const lastTime = t.pop()!;
    const lastId = ids.pop()!;
    const n = t.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && t[child + 1]! < t[child]!) child++;
        if (t[child]! >= lastTime) break;
        t[i] = t[child]!;
        ids[i] = ids[child]!;
        i = child;
      }
      t[i] = lastTime;
      ids[i] = lastId;
    }
    return top;
  }
}
