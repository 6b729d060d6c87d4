/**
 * Replays are audited (who, which period, why): one entry per actor, source and reason for every
 * clock hour first opened, in the server's hash-chained audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { AuditLog, type AuditInput } from '../security/audit.ts';
import { authFetch, post, startTestServer, tempDir } from '../testing/harness.ts';
import { HOUR_MS, REARM_MS, ReplayViewAudit } from './replayAudit.ts';

describe('ReplayViewAudit', () => {
  const H = (n: number) => Date.UTC(2026, 10, 26, n);
  function setup() {
    const entries: AuditInput[] = [];
    let now = 0;
    const audit = new ReplayViewAudit(
      (e) => entries.push(e),
      () => now,
    );
    const view = (from: number, to: number, reason = 'Nachbereitung E-1', actor = 'anna') =>
      audit.record({ actor, source: 'live', from, to, reason, personalData: true });
    return { entries, view, advance: (ms: number) => (now += ms) };
  }

  it('writes one entry per newly opened clock hour range, with who, which period and why', () => {
    const { entries, view } = setup();
    view(H(10) + 5 * 60_000, H(10) + 5 * 60_000); // a seek
    view(H(10) + 20 * 60_000, H(10) + 30 * 60_000); // playing on inside the same hour
    view(H(10) + 50 * 60_000, H(11) + 10 * 60_000); // into the next hour
    expect(entries).toEqual([
      {
        actor: 'anna',
        action: 'replay.view',
        target: 'live',
        details: {
          from: new Date(H(10)).toISOString(),
          to: new Date(H(11)).toISOString(),
          personalData: true,
          reason: 'Nachbereitung E-1',
        },
      },
      {
        actor: 'anna',
        action: 'replay.view',
        target: 'live',
        details: {
          from: new Date(H(11)).toISOString(),
          to: new Date(H(12)).toISOString(),
          personalData: true,
          reason: 'Nachbereitung E-1',
        },
      },
    ]);
  });

  it('records another actor, another reason, and a new look after a quiet spell separately', () => {
    const { entries, view, advance } = setup();
    view(H(3), H(3));
    view(H(3), H(3), 'Nachbereitung E-1', 'bernd');
    view(H(3), H(3), 'Schulung');
    advance(REARM_MS - 1);
    view(H(3), H(3));
    expect(entries).toHaveLength(3);
    advance(REARM_MS + 1);
    view(H(3), H(3));
    expect(entries).toHaveLength(4);
    expect(entries.map((e) => e.actor)).toEqual(['anna', 'bernd', 'anna', 'anna']);
    expect(entries[2]!.details).toMatchObject({ reason: 'Schulung' });
  });

  it('covers a long period in one entry', () => {
    const { entries, view } = setup();
    view(H(0), H(0) + 24 * HOUR_MS - 1);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({
      from: new Date(H(0)).toISOString(),
      to: new Date(H(0) + 24 * HOUR_MS).toISOString(),
    });
  });
});

describe('replay routes write the audit log', () => {
  let server: LageServer;
  let dataDir: string;
  const T0 = Date.now() - 60_000;

  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer({}, dataDir);
    const r = await post(server.url, 'units', [
      { id: 'u1', callsign: 'Dü 1/1', kind: 'funkstreifenwagen', district: 'PP Düsseldorf', time: T0 },
    ]);
    expect(r.status).toBe(202);
  });
  afterAll(async () => {
    await server.close();
  });

  const replayViews = () => {
    const audit = new AuditLog(dataDir);
    try {
      return audit.list({ action: 'replay.view' });
    } finally {
      audit.close();
    }
  };

  it('records a picture and an event page with the reason given, and refuses an overlong reason', async () => {
    const now = Date.now();
    const reason = encodeURIComponent('Nachbereitung Einsatz 2026-1');
    let res = await authFetch(`${server.url}/api/v1/replay/picture?t=${now}&reason=${reason}`);
    expect(res.status).toBe(200);
    res = await authFetch(
      `${server.url}/api/v1/replay/events?from=${now - 7 * HOUR_MS}&to=${now}&reason=${reason}`,
    );
    expect(res.status).toBe(200);
    const views = replayViews();
    expect(views.length).toBeGreaterThanOrEqual(2);
    for (const v of views) {
      expect(v.actor).toBe('operator');
      expect(v.target).toBe('live');
      expect(v.details).toMatchObject({ reason: 'Nachbereitung Einsatz 2026-1', personalData: true });
    }
    const covered = views.map((v) => [
      Date.parse(String(v.details['from'])),
      Date.parse(String(v.details['to'])),
    ]);
    expect(covered.some(([a, b]) => a! <= now && now < b!)).toBe(true);
    expect(covered.some(([a, b]) => a! <= now - 7 * HOUR_MS && now - 7 * HOUR_MS < b!)).toBe(true);

    const before = replayViews().length;
    res = await authFetch(`${server.url}/api/v1/replay/picture?t=${now}&reason=${'x'.repeat(201)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/reason/);
    expect(replayViews()).toHaveLength(before);
  });
});
