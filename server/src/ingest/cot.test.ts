/**
 * Cursor on Target decoding and the strict XML reader: published TAK client messages
 * (dfpc-coe/node-CoT test/cot-itak.test.ts and README.md, see cotTestSupport.ts) decode to the
 * values those projects assert; the reader refuses entity expansion, DTDs and oversized input.
 */
import { describe, expect, it } from 'vitest';
import { decodeCot } from './cot.ts';
import { parseXml, XmlError } from './cotXml.ts';
import { ITAK, README } from './cotTestSupport.ts';

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
