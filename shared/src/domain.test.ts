import { describe, expect, it } from 'vitest';
import { FMS, FMS_INFO, FMS_STATUSES, fleetCounts, isAvailable, releasesIncident } from './domain.ts';

describe('FMS meanings', () => {
  it('names the codes the picture acts on as FMS_INFO describes them', () => {
    expect(FMS_INFO[FMS.EMERGENCY].category).toBe('emergency');
    expect(FMS_INFO[FMS.ALARMED].de).toBe('Einsatz übernommen');
    expect(FMS_INFO[FMS.ON_SCENE].de).toBe('am Einsatzort');
    expect(FMS_INFO[FMS.SPEECH_REQUEST].category).toBe('request');
    expect(FMS_INFO[FMS.OFF_DUTY].category).toBe('unavailable');
    expect(FMS_STATUSES.filter(isAvailable)).toEqual([1, 2]);
    expect(FMS_STATUSES.filter(releasesIncident)).toEqual([1, 2, 6]);
  });

  it('counts a fleet by category, one count for board, KPIs and availability over time', () => {
    const statuses = [0, 1, 2, 2, 3, 4, 4, 5, 6, 7, 8, 9] as const;
    expect(fleetCounts(statuses.map((status) => ({ status })))).toEqual({
      emergency: 1,
      available: 3,
      committed: 3,
      request: 1,
      unavailable: 1,
      custom: 3,
      total: 12,
    });
    expect(fleetCounts([]).total).toBe(0);
  });
});
