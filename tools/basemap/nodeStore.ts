/**
 * Node coordinates of an OSM extract in flat typed arrays (24 bytes a node) with lookup by binary
 * search: a city or Kreis extract fits easily, where a Map of objects would need ten times as much.
 */
export class NodeStore {
  private ids = new Float64Array(1 << 16);
  private lons = new Float64Array(1 << 16);
  private lats = new Float64Array(1 << 16);
  private count = 0;
  private sorted = true;

  get size(): number {
    return this.count;
  }

  add(ids: readonly number[], lons: readonly number[], lats: readonly number[]): void {
    if (this.count + ids.length > this.ids.length) this.grow(this.count + ids.length);
    let last = this.count ? (this.ids[this.count - 1] ?? 0) : -Infinity;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? 0;
      if (id <= last) this.sorted = false;
      last = id;
      this.ids[this.count] = id;
      this.lons[this.count] = lons[i] ?? 0;
      this.lats[this.count] = lats[i] ?? 0;
      this.count++;
    }
  }

  /** Sorts by id if the file was not (extracts normally are); call once after the last add. */
  finish(): void {
    if (this.sorted) return;
    const order = Array.from({ length: this.count }, (_, i) => i).sort(
      (a, b) => (this.ids[a] ?? 0) - (this.ids[b] ?? 0),
    );
    const pick = (src: Float64Array) => Float64Array.from(order, (i) => src[i] ?? 0);
    [this.ids, this.lons, this.lats] = [pick(this.ids), pick(this.lons), pick(this.lats)];
    this.sorted = true;
  }

  get(id: number): [number, number] | undefined {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid] ?? 0;
      if (v === id) return [this.lons[mid] ?? 0, this.lats[mid] ?? 0];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The coordinates of a way; nodes missing from the extract (clipped ways) are left out. */
  line(refs: readonly number[]): [number, number][] {
    const out: [number, number][] = [];
    for (const ref of refs) {
      const c = this.get(ref);
      if (c) out.push(c);
    }
    return out;
  }

  private grow(min: number): void {
    let size = this.ids.length;
    while (size < min) size *= 2;
    const resize = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a.subarray(0, this.count));
      return b;
    };
    [this.ids, this.lons, this.lats] = [resize(this.ids), resize(this.lons), resize(this.lats)];
  }
}
