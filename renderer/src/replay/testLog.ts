/** A small deterministic event log for replay tests: units driving, statuses, incidents opened and closed. */
import type { LageEvent } from '#shared/schemas';

export const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

export function testLog(minutes = 30): LageEvent[] {
  const log: LageEvent[] = [];
  let seq = 0;
  const push = (time: number, e: Record<string, unknown>) =>
    log.push({ seq: ++seq, time, received: time, ...e } as LageEvent);
  for (let u = 0; u < 4; u++) {
    push(T0, {
      type: 'unit.registered',
      unit: { id: `u${u}`, callsign: `Kö 1/${u}`, kind: 'funkstreifenwagen', district: 'PP Köln', status: 2 },
    });
  }
  for (let s = 1; s <= minutes * 60; s++) {
    const time = T0 + s * 1000;
    for (let u = 0; u < 4; u++) {
      if ((s + u) % 3 === 0)
        push(time, {
          type: 'unit.position',
          unitId: `u${u}`,
          lat: 50.9 + s * 1e-5,
          lon: 6.9 + u * 0.01,
          heading: 90,
        });
    }
    if (s % 120 === 0) {
      const n = s / 120;
      const id = `E${n}`;
      push(time, {
        type: 'incident.opened',
        incident: {
          id,
          number: `2026-${n}`,
          type: 'einbruch',
          priority: 2,
          location: { lat: 50.93, lon: 6.95 },
        },
      });
      push(time, { type: 'unit.status', unitId: `u${n % 4}`, status: 3, incidentId: id });
    }
    if (s % 120 === 90) {
      const n = Math.floor(s / 120) + 0;
      if (n > 0) {
        push(time, { type: 'unit.status', unitId: `u${n % 4}`, status: 4 });
        push(time, { type: 'incident.closed', incidentId: `E${n}` });
      }
    }
  }
  return log;
}
