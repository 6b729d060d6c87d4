/**
 * Shared by the CoT tests: published TAK messages, a reader of CoT streams and a seeded picture.
 *
 * Samples: dfpc-coe/node-CoT test/cot-itak.test.ts (an iTAK position report: uid C94B9215-…,
 * type a-f-G-E-V-C, lat 41.52309645, lon -107.72376567, ce 9999999, track course 137.23542786,
 * speed 0, callsign DFPC-iSchmidt) and dfpc-coe/node-CoT README.md (ANDROID-deadbeef a-f-G-U-C,
 * lat 1.234567, lon -3.141592, ce 9.9).
 */
import net from 'node:net';
import { expect } from 'vitest';
import type { LageServer } from '../app.ts';
import { post, sleep } from '../testing/harness.ts';
import { parseXml, type XmlElement } from './cotXml.ts';

export const ITAK =
  '<event version="2.0" uid="C94B9215-9BD4-4DBE-BDE1-83625F09153F" type="a-f-G-E-V-C" time="2023-07-18T15:23:09.00Z" start="2023-07-18T15:23:09.00Z" stale="2023-07-18T15:25:09.00Z" how="m-g"><point lat="41.52309645" lon="-107.72376567" hae="1681.23725821" ce="9999999" le="9999999" /><detail><contact callsign="DFPC-iSchmidt" phone="7204258729" endpoint="*:-1:stcp" /><uid Droid="DFPC-iSchmidt" /><__group name="Yellow" role="Team Member" /><precisionlocation geopointsrc="GPS" altsrc="???" /><status battery="100" /><takv device="iPhone" platform="iTAK" os="16.5.1" version="2.7.0.609" /><track speed="0.00000000" course="137.23542786" /></detail></event>';
export const README = `
    <event version="2.0" uid="ANDROID-deadbeef" type="a-f-G-U-C" how="m-g" time="2021-02-27T20:32:24.771Z" start="2021-02-27T20:32:24.771Z" stale="2021-02-27T20:38:39.771Z">
        <point lat="1.234567" lon="-3.141592" hae="-25.7" ce="9.9" le="9999999.0"/>
    </event>
`;

/** The sample with its times moved: time = now - 1 s, stale = now + 2 min (or `stale` ms from now). */
export function fresh(xml: string, staleIn = 120_000): string {
  const now = Date.now();
  return xml
    .replace(/ time="[^"]*"/, ` time="${new Date(now - 1000).toISOString()}"`)
    .replace(/ start="[^"]*"/, ` start="${new Date(now - 1000).toISOString()}"`)
    .replace(/ stale="[^"]*"/, ` stale="${new Date(now + staleIn).toISOString()}"`);
}

/** Reads CoT events from a socket: every complete <event> parsed. */
export class CotReader {
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

export async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export function connectTcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

export const text = (e: XmlElement | undefined, name: string) =>
  e?.children.find((c) => c.name === 'detail')?.children.find((c) => c.name === name);

export async function seed(server: LageServer) {
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
