/**
 * Cursor on Target on a real server: published TAK client messages in, the picture out, a round
 * trip in → picture → out, TLS with client certificates made here with openssl, UDP, and a fuzz of
 * malformed XML (clear reasons, the server and the stream keep going).
 *
 * Samples: dfpc-coe/node-CoT test/cot-itak.test.ts (an iTAK position report: uid C94B9215-…,
 * type a-f-G-E-V-C, lat 41.52309645, lon -107.72376567, ce 9999999, track course 137.23542786,
 * speed 0, callsign DFPC-iSchmidt) and dfpc-coe/node-CoT README.md (ANDROID-deadbeef a-f-G-U-C,
 * lat 1.234567, lon -3.141592, ce 9.9). Their times are moved to now (a stale report is dropped).
 */
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { post, sleep, startTestServer, tempDir } from '../testing/harness.ts';
import { decodeCot } from './cot.ts';
import { parseXml, XmlError, type XmlElement } from './cotXml.ts';

const ITAK =
  '<event version="2.0" uid="C94B9215-9BD4-4DBE-BDE1-83625F09153F" type="a-f-G-E-V-C" time="2023-07-18T15:23:09.00Z" start="2023-07-18T15:23:09.00Z" stale="2023-07-18T15:25:09.00Z" how="m-g"><point lat="41.52309645" lon="-107.72376567" hae="1681.23725821" ce="9999999" le="9999999" /><detail><contact callsign="DFPC-iSchmidt" phone="7204258729" endpoint="*:-1:stcp" /><uid Droid="DFPC-iSchmidt" /><__group name="Yellow" role="Team Member" /><precisionlocation geopointsrc="GPS" altsrc="???" /><status battery="100" /><takv device="iPhone" platform="iTAK" os="16.5.1" version="2.7.0.609" /><track speed="0.00000000" course="137.23542786" /></detail></event>';
const README = `
    <event version="2.0" uid="ANDROID-deadbeef" type="a-f-G-U-C" how="m-g" time="2021-02-27T20:32:24.771Z" start="2021-02-27T20:32:24.771Z" stale="2021-02-27T20:38:39.771Z">
        <point lat="1.234567" lon="-3.141592" hae="-25.7" ce="9.9" le="9999999.0"/>
    </event>
`;

/** The sample with its times moved: time = now - 1 s, stale = now + 2 min (or `stale` ms from now). */
function fresh(xml: string, staleIn = 120_000): string {
  const now = Date.now();
  return xml
    .replace(/ time="[^"]*"/, ` time="${new Date(now - 1000).toISOString()}"`)
    .replace(/ start="[^"]*"/, ` start="${new Date(now - 1000).toISOString()}"`)
    .replace(/ stale="[^"]*"/, ` stale="${new Date(now + staleIn).toISOString()}"`);
}

describe('decoding published TAK messages', () => {
  it('iTAK (node-CoT test/cot-itak.test.ts): point, track course/speed, callsign; ce 9999999 is unknown', () => {
    const d = decodeCot(ITAK, Date.parse('2023-07-18T15:23:10Z'));
    expect(d).toEqual({
      ok: true,
      fix: {
        uid: 'C94B9215-9BD4-4DBE-BDE1-83625F09153F',
        type: 'a-f-G-E-V-C',
        callsign: 'DFPC-iSchmidt',
        lat: 41.52309645,
        lon: -107.72376567,
        heading: 137.23542786,
        speed: 0,
        time: Date.parse('2023-07-18T15:23:09.00Z'),
      },
    });
  });
  it('ATAK-style (node-CoT README.md): ce 9.9 m becomes the accuracy; no track, no callsign', () => {
    const d = decodeCot(README, Date.parse('2021-02-27T20:33:00Z'));
    expect(d).toEqual({
      ok: true,
      fix: {
        uid: 'ANDROID-deadbeef',
        type: 'a-f-G-U-C',
        lat: 1.234567,
        lon: -3.141592,
        accuracy: 9.9,
        time: Date.parse('2021-02-27T20:32:24.771Z'),
      },
    });
  });
  it('stale is honoured: a report past its stale time is dropped, not stored', () => {
    expect(decodeCot(ITAK, Date.parse('2023-07-18T15:30:00Z'))).toEqual({
      ok: true,
      type: 'a-f-G-E-V-C',
      ignored: expect.stringMatching(/stale on arrival/),
    });
  });
  it('other events (chat, ping, hostile marker) are ignored, not errors', () => {
    const t = (type: string) => ITAK.replace('a-f-G-E-V-C', type);
    for (const type of ['b-t-f', 't-x-c-t', 'a-h-G'])
      expect(decodeCot(t(type), Date.parse('2023-07-18T15:23:10Z'))).toMatchObject({
        ok: true,
        type,
        ignored: expect.any(String),
      });
  });
});

describe('the XML reader refuses what could hurt', () => {
  it.each([
    [
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><event>&lol2;</event>',
      /DOCTYPE and entity declarations are not accepted/,
    ],
    ['<!DOCTYPE event SYSTEM "file:///etc/passwd"><event/>', /DOCTYPE/],
    ['<event a="&xxe;"/>', /entity &xxe; is not accepted/],
    ['<event>&#0;</event>', /bad character reference/],
    ['<event a="1" a="2"/>', /attribute a given twice/],
    ['<event a=1/>', /must be quoted/],
    ['<event><point></event>', /<\/event> closes <point>/],
    ['<event>', /not closed/],
    ['<event/><event/>', /content after the root element/],
    ['<event>a & b</event>', /bare &/],
    ['<?php echo 1 ?><event/>', /processing instructions/],
    ['', /no element/],
    [`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`, /nested deeper than 32/],
    [`<event a="${'x'.repeat(70_000)}"/>`, /too large/],
  ])('%#: refused with a reason (%s)', (xml, message) => {
    expect(() => parseXml(xml.slice(0, 200_000))).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });
  it('predefined entities, character references, CDATA and comments are read', () => {
    const el = parseXml('<?xml version="1.0"?><!-- c --><e a="&lt;&amp;&#x41;"><![CDATA[<x>]]> &gt;</e>');
    expect(el.attrs['a']).toBe('<&A');
    expect(el.text).toBe('<x> >');
  });
});

/** Reads CoT events from a socket: every complete <event> parsed. */
class CotReader {
  readonly events: XmlElement[] = [];
  private buffer = '';
  closed = false;
  constructor(readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buffer += d;
      let end;
      while ((end = this.buffer.indexOf('</event>')) >= 0) {
        this.events.push(parseXml(this.buffer.slice(0, end + 8).trim()));
        this.buffer = this.buffer.slice(end + 8);
      }
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }
  latest(uid: string): XmlElement | undefined {
    return this.events.filter((e) => e.attrs['uid'] === uid).at(-1);
  }
  async waitFor(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  }
}

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function connectTcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

const text = (e: XmlElement | undefined, name: string) =>
  e?.children.find((c) => c.name === 'detail')?.children.find((c) => c.name === name);

async function seed(server: LageServer) {
  expect(
    (
      await post(server.url, 'units', [
        { id: 'k1', callsign: 'K 11/1', kind: 'funkstreifenwagen', district: 'PP Köln', status: 2 },
        { id: 'k2', callsign: 'K 11/2', kind: 'funkstreifenwagen', district: 'PP Köln', status: 3 },
        { id: 'kh', callsign: 'K Hand 1', kind: 'handfunkgeraet', district: 'PP Köln', status: 2 },
        { id: 'old', callsign: 'K 99/9', kind: 'funkstreifenwagen', district: 'PP Köln', status: 6 },
        { id: 'd1', callsign: 'Dü 12/1', kind: 'funkstreifenwagen', district: 'PP Düsseldorf', status: 2 },
      ])
    ).status,
  ).toBe(202);
  const now = Date.now();
  await post(server.url, 'positions', [
    { unitId: 'k2', lat: 50.94, lon: 6.96, heading: 45, speed: 10, time: now - 1000 },
    { unitId: 'kh', lat: 50.941, lon: 6.961, time: now - 1000 },
    { unitId: 'old', lat: 50.9, lon: 6.9, time: now - 10 * 60_000 },
    { unitId: 'd1', lat: 51.22, lon: 6.77, time: now - 1000 },
  ]);
  await post(server.url, 'incidents', [
    {
      id: 'K1',
      type: 'einbruch',
      priority: 1,
      lat: 50.95,
      lon: 6.97,
      district: 'PP Köln',
      description: 'Täter flüchtig Richtung Dom',
      caller: { name: 'Erika Geheim' },
    },
  ]);
}

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

  it('UDP: one event per datagram', async () => {
    const before = server.cot!.stats.committed;
    const u = dgram.createSocket('udp4');
    try {
      const msg = Buffer.from(fresh(README.replace('lat="1.234567"', 'lat="50.5"')));
      u.send(msg, server.cot!.udpPort!, '127.0.0.1');
      await until('udp commit', () => server.cot!.stats.committed > before);
      expect(server.lage.picture.units['k2']!.position?.lat).toBe(50.5);
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

/** The certificates are made with the openssl command (Node's crypto cannot issue X.509 certificates). */
const OPENSSL = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    console.warn(
      'cot.test: SKIPPED the TLS tests: no openssl command on this machine (apt-get install openssl)',
    );
    return false;
  }
})();

describe.runIf(OPENSSL)('TLS with client certificates (made here with openssl)', () => {
  let server: LageServer;
  let dir: string;
  const pem = (name: string) => path.join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  function clientCert(name: string, cn: string, ca = 'ca') {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      pem(`${name}.key`),
      '-out',
      pem(`${name}.csr`),
      '-subj',
      `/CN=${cn}`,
    );
    ssl(
      'x509',
      '-req',
      '-in',
      pem(`${name}.csr`),
      '-CA',
      pem(`${ca}.crt`),
      '-CAkey',
      pem(`${ca}.key`),
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      pem(`${name}.crt`),
    );
  }
  const connectTls = (name?: string) =>
    new Promise<CotReader>((resolve, reject) => {
      const s = tls.connect({
        port: server.cot!.port,
        host: '127.0.0.1',
        ca: fs.readFileSync(pem('ca.crt')),
        servername: 'localhost',
        ...(name
          ? { cert: fs.readFileSync(pem(`${name}.crt`)), key: fs.readFileSync(pem(`${name}.key`)) }
          : {}),
      });
      const r = new CotReader(s);
      s.once('secureConnect', () => resolve(r));
      s.once('error', reject);
    });

  beforeAll(async () => {
    dir = tempDir('lagebild-cot-tls-');
    for (const ca of ['ca', 'other-ca'])
      ssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        pem(`${ca}.key`),
        '-out',
        pem(`${ca}.crt`),
        '-days',
        '2',
        '-subj',
        `/CN=${ca}`,
      );
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      pem('server.key'),
      '-out',
      pem('server.csr'),
      '-subj',
      '/CN=localhost',
    );
    fs.writeFileSync(pem('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    ssl(
      'x509',
      '-req',
      '-in',
      pem('server.csr'),
      '-CA',
      pem('ca.crt'),
      '-CAkey',
      pem('ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      pem('san.ext'),
      '-out',
      pem('server.crt'),
    );
    clientCert('tak1', 'tak-1');
    clientCert('lead', 'tak-lead');
    clientCert('stranger', 'nobody');
    clientCert('koeln', 'mueller');
    clientCert('forged', 'tak-1', 'other-ca');
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ cot: { uid: { 'C94B9215-9BD4-4DBE-BDE1-83625F09153F': 'k1' } } }),
    );
    server = await startTestServer(
      { cotPort: 0, cotTls: { cert: pem('server.crt'), key: pem('server.key'), ca: pem('ca.crt') } },
      dataDir,
    );
    server.auth.users.addDevice('tak-1', ['ingest']);
    server.auth.users.addDevice('tak-lead', ['operator']);
    await server.auth.users.addUser('mueller', 'password-0123456789', ['operator'], ['PP Köln']);
    await seed(server);
  }, 60_000);
  afterAll(async () => server?.close());

  it('a device certificate (ingest) sends positions and sees the picture as a wall', async () => {
    const c = await connectTls('tak1');
    try {
      await c.waitFor('picture', () => !!c.latest('lagebild.incident.K1'));
      expect(JSON.stringify(c.events)).not.toMatch(/Täter/);
      expect(c.latest('lagebild.unit.kh')).toBeUndefined();
      expect(c.latest('lagebild.unit.d1')).toBeDefined(); // a wall of no district sees all
      c.socket.write(fresh(ITAK));
      await until('k1 position', () => server.lage.picture.units['k1']?.position?.lat === 41.52309645);
    } finally {
      c.socket.destroy();
    }
  });

  it('a certificate whose device has the operator role sees more (description, handhelds), audited; it may not send', async () => {
    const c = await connectTls('lead');
    try {
      await c.waitFor('picture', () => !!c.latest('lagebild.incident.K1') && !!c.latest('lagebild.unit.kh'));
      expect(text(c.latest('lagebild.incident.K1'), 'remarks')?.text).toMatch(/Täter flüchtig/);
      expect(
        server.audit
          .list({ limit: 1000 })
          .some((e) => e.action === 'personal.view' && e.actor === 'tak-lead' && e.target === 'cot'),
      ).toBe(true);
      const seq = server.lage.seq;
      c.socket.write(fresh(ITAK.replace('lat="41.52309645"', 'lat="10"')));
      await until('refusal', () =>
        server.cot!.refusals.some((r) => /tak-lead may not send positions/.test(r)),
      );
      expect(server.lage.seq).toBe(seq);
    } finally {
      c.socket.destroy();
    }
  });

  it('a certificate naming a user limited to PP Köln: that user’s view, the district rule', async () => {
    const c = await connectTls('koeln');
    try {
      await c.waitFor('picture', () => !!c.latest('lagebild.incident.K1') && !!c.latest('lagebild.unit.k2'));
      await sleep(1200); // one more feed interval: nothing of Düsseldorf comes later either
      expect(c.latest('lagebild.unit.d1')).toBeUndefined();
      expect(text(c.latest('lagebild.incident.K1'), 'remarks')?.text).toMatch(/Täter flüchtig/);
    } finally {
      c.socket.destroy();
    }
  });

  it('a device removed from users.json is cut off within a feed interval', async () => {
    server.auth.users.addDevice('tak-temp', ['ingest']);
    clientCert('temp', 'tak-temp');
    const c = await connectTls('temp');
    await c.waitFor('picture', () => c.events.length > 0);
    server.auth.users.removeDevice('tak-temp');
    await c.waitFor('the connection to end', () => c.closed);
  });

  /** Connects and waits until the server ends it (or the handshake fails): what arrived before. */
  const refused = (name?: string) =>
    connectTls(name).then(
      async (r) => {
        await r.waitFor('the server to close', () => r.closed, 10_000);
        return r.events.length;
      },
      () => 0,
    );

  it('refused: no certificate, a certificate of another CA, a CN that is no device', async () => {
    expect(await refused()).toBe(0);
    expect(await refused('forged')).toBe(0);
    await until('TLS refusals', () => server.cot!.refusals.filter((r) => /TLS:/.test(r)).length >= 2);
    const stranger = await connectTls('stranger');
    await stranger.waitFor('close', () => stranger.closed, 10_000);
    expect(stranger.events).toEqual([]);
    expect(server.cot!.refusals.some((r) => /certificate CN "nobody" is no device or user/.test(r))).toBe(
      true,
    );
  });
});
