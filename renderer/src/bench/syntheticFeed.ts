/**
 * A synthetic live feed for the map bench: N units around a centre, each reporting once a second,
 * delivered as the server would (a snapshot, then a batch every 100 ms with a tenth of the units),
 * through the same validating receive path as the socket.
 */
import { idMap } from '#shared/idMap';
import { UNIT_KINDS, type FmsStatus, type Unit } from '#shared/domain';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION, encodeBatch } from '#shared/wire';
import { receiveBatch, receiveSnapshot } from '../connection/feed.ts';
import { pictureStore } from '../stores/pictureStore.ts';

const BATCH_MS = 100;

interface Mover {
  lon: number;
  lat: number;
  heading: number;
}

export class SyntheticFeed {
  private timer: ReturnType<typeof setInterval> | undefined;
  private movers: Mover[] = [];
  private next = 0;

  constructor(
    private readonly center: [number, number],
    private readonly radiusDeg = 0.12,
  ) {}

  /** Replaces the picture with `count` units (0 clears the map) and, if `moving`, starts reporting at 1 Hz each. */
  start(count: number, moving = true): void {
    this.stop();
    const now = Date.now();
    const units: Record<string, Unit> = idMap();
    this.movers = [];
    for (let i = 0; i < count; i++) {
      const a = (i * 2.399963) % (Math.PI * 2);
      const r = this.radiusDeg * Math.sqrt((i + 0.5) / Math.max(1, count));
      const m = {
        lon: this.center[0] + r * Math.cos(a) * 1.6,
        lat: this.center[1] + r * Math.sin(a),
        heading: (i * 37) % 360,
      };
      this.movers.push(m);
      const id = `b${i}`;
      units[id] = {
        id,
        callsign: `Bench ${i}`,
        kind: UNIT_KINDS[i % UNIT_KINDS.length] ?? 'funkstreifenwagen',
        district: 'Bench',
        status: (i % 7) as FmsStatus,
        statusSince: now,
        position: { lat: m.lat, lon: m.lon, heading: m.heading, speed: 10, time: now },
      };
    }
    const seq = pictureStore.getState().picture.seq + 1;
    receiveSnapshot({
      picture: { seq, units, incidents: idMap() },
      info: { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: BATCH_MS, now },
    });
    if (count > 0 && moving) this.timer = setInterval(() => this.tick(), BATCH_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const n = this.movers.length;
    const perBatch = Math.ceil(n / (1000 / BATCH_MS));
    const now = Date.now();
    let seq = pictureStore.getState().picture.seq;
    const from = seq + 1;
    const events: LageEvent[] = [];
    for (let k = 0; k < perBatch; k++) {
      const i = this.next;
      this.next = (this.next + 1) % n;
      const m = this.movers[i];
      if (!m) continue;
      m.heading = (m.heading + 7) % 360;
      const rad = (m.heading * Math.PI) / 180;
      m.lon += Math.sin(rad) * 0.00015;
      m.lat += Math.cos(rad) * 0.0001;
      events.push({
        type: 'unit.position',
        seq: ++seq,
        time: now,
        received: now,
        unitId: `b${i}`,
        lat: m.lat,
        lon: m.lon,
        heading: m.heading,
        speed: 10,
      });
    }
    // Encoded like the server's batches (positions as tuples), so the bench decodes what a dashboard decodes.
    receiveBatch(encodeBatch({ from, to: seq, events, now }));
  }
}
