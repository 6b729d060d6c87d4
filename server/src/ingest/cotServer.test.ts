/**
 * Cursor on Target on a real server, plain TCP and UDP on loopback: published TAK messages in, the
 * picture out, a round trip in → picture → out between two TAK connections, and a fuzz of malformed
 * and mutated events (clear reasons; the server and the stream keep going).
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { sleep, startTestServer, tempDir } from '../testing/harness.ts';
import { CotReader, ITAK, README, connectTcp, fresh, seed, text, until } from './cotTestSupport.ts';

describe('plain TCP and UDP on loopback (a real server)', () => {
  let server: LageServer;
  beforeAll(async () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({
        cot: { uid: { 'C94B9215-9BD4-4DBE-BDE1-83625F09153F': 'k1', 'ANDROID-deadbeef': 'k2' } },
      }),
    );
    server = await startTestServer({ cotPort: 0 }, dataDir);
    await seed(server);
  });
  afterAll(async () => server?.close());

  it('round trip: an iTAK report moves unit k1; another TAK client sees it as a friendly with callsign and FMS', async () => {
    const viewer = new CotReader(await connectTcp(server.cot!.port));
    const sender = new CotReader(await connectTcp(server.cot!.port));
    try {
      // On connect: the picture as a wall sees it.
      await viewer.waitFor(
        'k2 and K1',
        () => !!viewer.latest('lagebild.unit.k2') && !!viewer.latest('lagebild.incident.K1'),
      );
      const k2 = viewer.latest('lagebild.unit.k2')!;
      expect(k2.attrs).toMatchObject({ type: 'a-f-G-U-C', how: 'm-g' });
      expect(text(k2, 'contact')?.attrs['callsign']).toBe('K 11/2');
      expect(text(k2, 'remarks')?.text).toMatch(/^FMS 3 Einsatz übernommen/);
      expect(text(k2, 'track')?.attrs).toMatchObject({ course: '45', speed: '10' });
      const k1inc = viewer.latest('lagebild.incident.K1')!;
      expect(k1inc.attrs['type']).toBe('b-m-p-s-m');
      expect(text(k1inc, 'contact')?.attrs['callsign']).toMatch(/einbruch P1$/);
      // Like a wall: no personal data, no handheld positions; a stale unit is stale on arrival.
      expect(JSON.stringify(viewer.events)).not.toMatch(/Täter|Erika/);
      expect(viewer.latest('lagebild.unit.kh')).toBeUndefined();
      expect(Date.parse(viewer.latest('lagebild.unit.old')!.attrs['stale']!)).toBeLessThan(Date.now());
      expect(Date.parse(k2.attrs['stale']!)).toBeGreaterThan(Date.now());

      sender.socket.write(fresh(ITAK));
      await until('k1 position', () => server.lage.picture.units['k1']?.position !== undefined);
      expect(server.lage.picture.units['k1']!.position).toMatchObject({
        lat: 41.52309645,
        lon: -107.72376567,
        heading: 137.23542786,
        speed: 0,
      });
      await viewer.waitFor('k1 out', () => !!viewer.latest('lagebild.unit.k1'));
      const k1 = viewer.latest('lagebild.unit.k1')!;
      expect(k1.children.find((c) => c.name === 'point')?.attrs).toMatchObject({
        lat: '41.52309645',
        lon: '-107.72376567',
      });
      expect(text(k1, 'contact')?.attrs['callsign']).toBe('K 11/1');
      expect(text(k1, 'remarks')?.text).toMatch(/^FMS 2 einsatzbereit auf Wache/);
      // The sender is not sent its own unit back (it shows itself already).
      await sleep(1500);
      expect(sender.latest('lagebild.unit.k1')).toBeUndefined();
      expect(sender.latest('lagebild.unit.k2')).toBeDefined();
    } finally {
      viewer.socket.destroy();
      sender.socket.destroy();
    }
  });

  it('several events in one write, split across writes, with an XML declaration: all taken', async () => {
    const s = await connectTcp(server.cot!.port);
    try {
      const before = server.cot!.stats.committed;
      const two = `<?xml version="1.0" encoding="UTF-8"?>\n${fresh(README)}${fresh(ITAK)}`;
      s.write(two.slice(0, 100));
      await sleep(50);
      s.write(two.slice(100));
      await until('two commits', () => server.cot!.stats.committed >= before + 2);
      expect(server.lage.picture.units['k2']!.position).toMatchObject({
        lat: 1.234567,
        lon: -3.141592,
        accuracy: 9.9,
      });
    } finally {
      s.destroy();
    }
  });

  it('a ping (t-x-c-t, as ATAK sends it to keep the connection) is answered with a pong (t-x-c-t-r)', async () => {
    const c = new CotReader(await connectTcp(server.cot!.port));
    try {
      const now = new Date().toISOString();
      c.socket.write(
        `<event version="2.0" uid="ANDROID-deadbeef-ping" type="t-x-c-t" how="m-g" time="${now}" start="${now}" stale="${new Date(Date.now() + 10_000).toISOString()}"><point lat="0" lon="0" hae="0" ce="9999999" le="9999999"/></event>`,
      );
      await c.waitFor('the pong', () => c.events.some((e) => e.attrs['type'] === 't-x-c-t-r'));
    } finally {
      c.socket.destroy();
    }
  });

  it('a self-closed event is framed on its own; an event written one character at a time arrives whole', async () => {
    const s = await connectTcp(server.cot!.port);
    try {
      const before = server.cot!.stats.committed;
      s.write(
        '<event version="2.0" uid="x" type="t-x-c-t" time="2026-01-01T00:00:00Z" stale="2026-01-01T00:00:10Z"/>',
      );
      const one = fresh(README.replace('lat="1.234567"', 'lat="47.5"'));
      for (const ch of one) s.write(ch);
      await until('the event', () => server.cot!.stats.committed > before);
      expect(server.lage.picture.units['k2']!.position?.lat).toBe(47.5);
    } finally {
      s.destroy();
    }
  });

  it('UDP: one event per datagram; random datagrams are refused with a reason, the next good one is taken', async () => {
    const before = server.cot!.stats.committed;
    const refused = server.cot!.stats.refused;
    const u = dgram.createSocket('udp4');
    try {
      const sample = Buffer.from(fresh(ITAK));
      for (let i = 0; i < 100; i++) {
        const junk = Buffer.from(sample);
        for (let k = 0; k < 8; k++)
          junk[Math.floor(Math.random() * junk.length)] = Math.floor(Math.random() * 256);
        // A byte flip may leave a valid report (stored like any); what matters is that none breaks the listener.
        u.send(i % 10 === 0 ? Buffer.from([0xbf, 1, 2, 3]) : junk, server.cot!.udpPort!, '127.0.0.1');
      }
      await until('the refusals', () => server.cot!.stats.refused >= refused + 10);
      expect(server.cot!.refusals.some((r) => /^cot-udp:127\.0\.0\.1: TAK protocol version 1/.test(r))).toBe(
        true,
      );
      const msg = Buffer.from(fresh(README.replace('lat="1.234567"', 'lat="50.5"')));
      u.send(msg, server.cot!.udpPort!, '127.0.0.1');
      await until('the good datagram', () => server.lage.picture.units['k2']?.position?.lat === 50.5);
      expect(server.cot!.stats.committed).toBeGreaterThan(before);
    } finally {
      u.close();
    }
  });

  it('unmapped uid, stale report, position the ingest rules refuse: clear reasons, nothing stored', async () => {
    const s = await connectTcp(server.cot!.port);
    try {
      const seq = server.lage.seq;
      s.write(fresh(ITAK).replace('C94B9215-9BD4-4DBE-BDE1-83625F09153F', 'ANDROID-unknown'));
      s.write(fresh(ITAK, -1000));
      // A fix an hour ahead (the ingest rules allow 5 min): refused by toEvents, named.
      s.write(
        fresh(README).replace(/ time="[^"]*"/, ` time="${new Date(Date.now() + 3_600_000).toISOString()}"`),
      );
      await until('the refusal of the future fix', () =>
        server.cot!.refusals.some((r) => /s in the future/.test(r)),
      );
      expect(
        server.cot!.refusals.some((r) => /uid ANDROID-unknown is not in the cot.uid table/.test(r)),
      ).toBe(true);
      expect(server.lage.seq).toBe(seq);
    } finally {
      s.destroy();
    }
  });

  it('fuzz: malformed and mutated events never crash or block; a good event still commits afterwards', async () => {
    const s = await connectTcp(server.cot!.port);
    const refusedBefore = server.cot!.stats.refused;
    const seq = server.lage.seq;
    const committedBefore = server.cot!.stats.committed;
    try {
      const sample = fresh(ITAK);
      const rnd = (n: number) => Math.floor(Math.random() * n);
      for (let i = 0; i < 300; i++) {
        const at = rnd(sample.length);
        const pick = rnd(5);
        const bad =
          pick === 0
            ? sample.slice(0, at) + sample.slice(at + 1 + rnd(20)) // bytes lost
            : pick === 1
              ? sample.slice(0, at) + String.fromCharCode(rnd(128)) + sample.slice(at)
              : pick === 2
                ? sample.replace(/lat="[^"]*"/, `lat="${['x', '91', '-1e999', '', 'NaN'][rnd(5)]}"`)
                : pick === 3
                  ? `<event uid="${'é'.repeat(rnd(300))}" type="a-f-G" time="x" stale="y"><point/></event>`
                  : `<event>${'<detail>'.repeat(rnd(50))}</event>`;
        // Each mutation is its own event: close it so the next one starts clean.
        s.write(bad.includes('</event>') ? bad : `${bad}</event>`);
      }
      await sleep(200);
      s.write(fresh(README.replace('lat="1.234567"', 'lat="48.1"')));
      await until('good event after the fuzz', () => server.lage.picture.units['k2']?.position?.lat === 48.1);
      expect(server.cot!.stats.refused).toBeGreaterThan(refusedBefore + 100);
      for (const r of server.cot!.refusals) expect(r).toMatch(/^cot-tcp:.*: \S/);
      // Mutations that are still a valid report are stored like any other; nothing else is.
      expect(server.lage.seq - seq).toBe(server.cot!.stats.committed - committedBefore);
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    } finally {
      s.destroy();
    }
  });

  it('an endless event (over 64 KiB) and a TAK protobuf stream close that connection only', async () => {
    const a = new CotReader(await connectTcp(server.cot!.port));
    a.socket.write(`<event uid="x" type="a-f-G" ${'a'.repeat(70_000)}`);
    await a.waitFor('close', () => a.closed);
    const b = new CotReader(await connectTcp(server.cot!.port));
    b.socket.write(Buffer.from([0xbf, 0x01, 0xbf, 0x0a, 0x02]));
    await b.waitFor('close', () => b.closed);
    expect(server.cot!.refusals.at(-1)).toMatch(/protobuf\) is not supported/);
    const c = new CotReader(await connectTcp(server.cot!.port));
    await c.waitFor('picture', () => c.events.length > 0);
    c.socket.destroy();
  });
});
