/**
 * Export of a period through the real server: a small known log, the files checked line by line
 * against expectations written by hand, the audit entry, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { AuditLog } from '../security/audit.ts';
import { authFetch, post, sessionFor, startTestServer, tempDir } from '../testing/harness.ts';
import { replayFetch } from './testing/replaySupport.ts';

const T0 = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
const iso = (dt: number) => new Date(T0 + dt).toISOString();
/**
 * The live log's local time (Europe/Berlin) with its offset, read here from the platform's own
 * "sv-SE" date format and "longOffset" zone name, not from the exporter's code.
 */
function berlin(dt: number, zone = 'Europe/Berlin'): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(T0 + dt)
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${f.format(T0 + dt).replace(' ', 'T')}${offset === 'GMT' ? '+00:00' : offset?.slice(3)}`;
}
let server: LageServer;
let dataDir: string;
let log: LageEvent[];
let from: number;
let to: number;

beforeAll(async () => {
  dataDir = tempDir();
  server = await startTestServer({}, dataDir);
  const send = async (kind: string, items: unknown[]) => {
    const r = await post(server.url, kind, items);
    if (r.status !== 202) throw new Error(JSON.stringify(r.json));
  };
  await send('units', [
    { id: 'u1', callsign: 'Dü 1/1', kind: 'funkstreifenwagen', district: 'PP Düsseldorf', time: T0 },
  ]);
  await send('positions', [{ unitId: 'u1', lat: 51.2, lon: 6.7, heading: 90, speed: 10, time: T0 + 1000 }]);
  await send('incidents', [
    {
      id: 'E1',
      number: '2026-1',
      type: 'einbruch',
      priority: 2,
      lat: 51.21,
      lon: 6.71,
      address: '=Kö, 1',
      district: 'PP Düsseldorf',
      description: 'Streit "laut"',
      caller: { name: 'Erika Muster', phone: '0211 123' },
      time: T0 + 2000,
    },
  ]);
  await send('status', [{ unitId: 'u1', status: 3, incidentId: 'E1', time: T0 + 3000 }]);
  await send('positions', [{ unitId: 'u1', lat: 51.21, lon: 6.71, time: T0 + 4000 }]);
  await send('incidents', [{ op: 'update', id: 'E1', state: 'in_bearbeitung', time: T0 + 5000 }]);
  await send('incidents', [{ op: 'close', id: 'E1', time: T0 + 6000 }]);
  const res = await replayFetch(`${server.url}/api/v1/events?limit=100`);
  log = ((await res.json()) as { events: LageEvent[] }).events;
  from = log[0]!.received;
  to = log[log.length - 1]!.received + 1;
});
afterAll(() => server.close());

const exportUrl = (q: string) => `${server.url}/api/v1/replay/export?${q}`;
const exports = () => {
  const audit = new AuditLog(dataDir);
  try {
    return audit.list({ action: 'replay.export' });
  } finally {
    audit.close();
  }
};

describe('export', () => {
  it('CSV: one row per event with the documented columns, personal data removed, formulas defused', async () => {
    const res = await replayFetch(exportUrl(`format=csv&from=${from}&to=${to}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const stamp = (ms: number) =>
      new Date(ms)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="lagebild-live-${stamp(from)}-${stamp(to)}.csv"`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    // The receive time is the server's clock: checked against the log, then left out of the comparison.
    const rows = lines.map((l, i) => {
      const cells = l.split(',');
      if (i > 0) expect(cells[2]).toBe(new Date(log[i - 1]!.received).toISOString());
      return i > 0 ? [...cells.slice(0, 2), 'R', ...cells.slice(3)].join(',') : l;
    });
    expect(rows).toEqual([
      'seq,time,received,type,unit_id,callsign,unit_kind,status,incident_id,incident_number,incident_type,priority,state,lat,lon,heading,speed,accuracy,address,district,description,caller_name,caller_phone,note,by,local_time,time_zone',
      `1,${iso(0)},R,unit.registered,u1,Dü 1/1,funkstreifenwagen,,,,,,,,,,,,,PP Düsseldorf,,,,,ingest,${berlin(0)},Europe/Berlin`,
      `2,${iso(1000)},R,unit.position,u1,Dü 1/1,,,,,,,,51.2,6.7,90,10,,,,,,,,ingest,${berlin(1000)},Europe/Berlin`,
      // Address starts with "=": a spreadsheet would run it, so it gets an apostrophe (and quotes for the comma).
      `3,${iso(2000)},R,incident.opened,,,,,E1,2026-1,einbruch,2,,51.21,6.71,,,,"'=Kö, 1",PP Düsseldorf,,,,,ingest,${berlin(2000)},Europe/Berlin`,
      `4,${iso(3000)},R,unit.status,u1,Dü 1/1,,3,E1,,,,,,,,,,,,,,,,ingest,${berlin(3000)},Europe/Berlin`,
      `5,${iso(4000)},R,unit.position,u1,Dü 1/1,,,,,,,,51.21,6.71,,,,,,,,,,ingest,${berlin(4000)},Europe/Berlin`,
      `6,${iso(5000)},R,incident.updated,,,,,E1,2026-1,,,in_bearbeitung,,,,,,,,,,,,ingest,${berlin(5000)},Europe/Berlin`,
      `7,${iso(6000)},R,incident.closed,,,,,E1,2026-1,,,,,,,,,,,,,,,ingest,${berlin(6000)},Europe/Berlin`,
    ]);
  });

  it('GeoJSON: a point per fix with the unit as it was, a point per incident with its times', async () => {
    const res = await replayFetch(exportUrl(`format=geojson&dataset=live&from=${from}&to=${to}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lagebild-live-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.geojson"$/,
    );
    const fc = (await res.json()) as { type: string; lagebild: Record<string, unknown>; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.lagebild).toMatchObject({
      dataset: 'live',
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      clock: 'received',
      personalData: false,
    });
    expect(fc.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [6.7, 51.2] },
        properties: {
          layer: 'positions',
          seq: 2,
          time: iso(1000),
          localTime: berlin(1000),
          unitId: 'u1',
          callsign: 'Dü 1/1',
          kind: 'funkstreifenwagen',
          status: 2,
          heading: 90,
          speed: 10,
        },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [6.71, 51.21] },
        properties: {
          layer: 'positions',
          seq: 5,
          time: iso(4000),
          localTime: berlin(4000),
          unitId: 'u1',
          callsign: 'Dü 1/1',
          kind: 'funkstreifenwagen',
          status: 3,
          incidentId: 'E1',
        },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [6.71, 51.21] },
        properties: {
          layer: 'incidents',
          id: 'E1',
          number: '2026-1',
          type: 'einbruch',
          priority: 2,
          state: 'abgeschlossen',
          address: '=Kö, 1',
          district: 'PP Düsseldorf',
          units: ['u1'],
          opened: iso(2000),
          dispatched: iso(3000),
          firstOnScene: iso(5000),
          closed: iso(6000),
        },
      },
    ]);
  });

  it('a period after the first events: incidents open at its start are in, with the picture as it was', async () => {
    const mid = log[3]!.received; // from the status 3 on
    const res = await replayFetch(exportUrl(`format=geojson&from=${mid}&to=${to}`));
    const fc = (await res.json()) as {
      features: { properties: { layer: string; seq?: number; id?: string } }[];
    };
    const fixes = log.filter((e) => e.received >= mid && e.type === 'unit.position').map((e) => e.seq);
    expect(fc.features.map((f) => f.properties.seq ?? f.properties.id)).toEqual([...fixes, 'E1']);
  });

  it('records who exported which period and why in the audit log', async () => {
    const before = exports().length;
    const reason = 'Nachbereitung Einsatz 2026-1';
    const res = await replayFetch(
      exportUrl(`format=csv&from=${from}&to=${to}&reason=${encodeURIComponent(reason)}`),
    );
    expect(res.status).toBe(200);
    await res.text();
    const entries = exports();
    expect(entries.length).toBe(before + 1);
    const e = entries[entries.length - 1]!;
    expect(e.actor.length).toBeGreaterThan(0);
    expect(e).toMatchObject({ action: 'replay.export', target: 'live' });
    expect(e.details).toMatchObject({
      format: 'csv',
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      events: log.length,
      reason,
    });
  });

  it('personal data only for a caller who may see it and gives a reason; refused without the permission', async () => {
    const analyst = sessionFor(server, { name: 'ana', roles: ['analyst'], kind: 'user' });
    const incident = async (q: string) => {
      const res = await authFetch(exportUrl(`format=geojson&from=${from}&to=${to}${q}`), {}, analyst);
      const fc = (await res.json()) as {
        lagebild: { personalData: boolean };
        features: { properties: object }[];
      };
      return { personal: fc.lagebild.personalData, props: fc.features[fc.features.length - 1]!.properties };
    };
    const plain = await incident('');
    expect(plain.personal).toBe(false);
    expect(plain.props).not.toHaveProperty('caller');
    const why = await incident('&reason=Auswertung');
    expect(why.personal).toBe(true);
    expect(why.props).toMatchObject({
      caller: { name: 'Erika Muster', phone: '0211 123' },
      description: 'Streit "laut"',
    });
    expect(exports().pop()).toMatchObject({
      actor: 'ana',
      details: { personalData: true, reason: 'Auswertung' },
    });

    const before = exports().length;
    for (const [roles, status] of [
      [['operator'], 403],
      [['wall'], 403],
    ] as const) {
      const token = sessionFor(server, { name: 'op', roles: [...roles], kind: 'user' });
      const res = await authFetch(exportUrl(`format=csv&from=${from}&to=${to}`), {}, token);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
    expect((await fetch(exportUrl(`format=csv&from=${from}&to=${to}`))).status).toBe(401);
    expect(exports().length).toBe(before);
  });

  it.each([
    ['', 400, 'format must be geojson or csv'],
    ['format=xlsx&from=1&to=2', 400, 'format must be geojson or csv, not "xlsx"'],
    ['format=csv&to=2', 400, 'from is required'],
    ['format=csv&from=5&to=5', 400, 'to must be after from'],
    [
      'format=csv&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      400,
      'the window from-to is longer than the export limit of 31 days',
    ],
    [`format=csv&from=1&to=2&reason=${'x'.repeat(501)}`, 400, 'reason must be at most 500 characters'],
    ['format=csv&from=1&to=2&dataset=nope', 404, 'no dataset "nope"'],
  ])('%s → %i, nothing exported, nothing audited', async (q, status, message) => {
    const before = exports().length;
    const res = await replayFetch(exportUrl(q));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(((await res.json()) as { error: string }).error).toContain(message);
    expect(exports().length).toBe(before);
  });
});
