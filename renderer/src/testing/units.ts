/** A unit builder for board and queue tests. Test helper only. */
import type { FmsStatus, Unit } from '#shared/domain';

export function unit(id: string, status: FmsStatus, statusSince: number, over: Partial<Unit> = {}): Unit {
  return {
    id,
    callsign: `K ${id}`,
    kind: 'funkstreifenwagen',
    district: 'Köln-Mitte',
    status,
    statusSince,
    position: { lat: 50.94, lon: 6.96, time: statusSince },
    ...over,
  };
}
