/**
 * The tactical signs come from `taktische-zeichen-core` (MIT, phjardas/taktische-zeichen). The first
 * case is the library's own test vector (packages/core/src/taktisches-zeichen.spec.ts, "should render
 * an SVG"): our rendering path must give exactly what its authors expect.
 */
import { describe, expect, it, vi } from 'vitest';
import { CALL_TYPES, UNIT_KINDS } from '#shared/domain';
import { UNIT_SIGNS, incidentSign, renderSign, svgDataUrl } from './tacticalSigns.ts';

const LIBRARY_VECTOR =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<svg color="#ffffff" fill="transparent" stroke="black" stroke-width="2" viewBox="0 0 75 45" xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="tz_taktische-formation"><path d="M1,1 H74 V44 H1 Z" /></clipPath></defs><path d="M1,1 H74 V44 H1 Z" fill="#fa321e" /></svg>';

/** Every URL an SVG refers to, other than its XML namespace. */
function references(svg: string): string[] {
  const urls = [...svg.matchAll(/url\(\s*["']?([^"')]*)/g)].map((m) => m[1] ?? '');
  const hrefs = [...svg.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
  const http = [...svg.matchAll(/https?:\/\/[^"'\s)]+/g)]
    .map((m) => m[0])
    .filter((u) => !u.startsWith('http://www.w3.org/'));
  return [...urls, ...hrefs, ...http];
}

describe('tactical signs', () => {
  it("renders the library's own test vector unchanged", () => {
    const sign = renderSign({
      grundzeichen: 'taktische-formation',
      organisation: 'feuerwehr',
      skipFontRegistration: true,
    });
    expect(sign.svg).toBe(LIBRARY_VECTOR);
    expect(sign.size).toEqual([75, 45]);
  });

  it('has a sign for every unit kind and call type that needs nothing from the network', () => {
    const log = vi.spyOn(console, 'log');
    const signs = [
      ...UNIT_KINDS.map((k) => renderSign(UNIT_SIGNS[k])),
      ...CALL_TYPES.map((c) => renderSign(incidentSign(c, 'XY'))),
    ];
    for (const s of signs) {
      expect(s.svg).toMatch(/^<\?xml[^>]*>\s*<svg /);
      // Only in-document references (#clip paths) and the embedded font (a data: URL).
      for (const ref of references(s.svg)) expect(ref).toMatch(/^(#|data:)/);
      expect(s.size[0]).toBeGreaterThan(0);
      expect(s.size[1]).toBeGreaterThan(0);
    }
    // The library's dataUrl getter logs each SVG; we never call it.
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('tells police, fire brigade and EMS apart by the DV 102 organisation colours', () => {
    expect(renderSign(UNIT_SIGNS.funkstreifenwagen).svg).toContain('#64dc32');
    expect(renderSign(UNIT_SIGNS.loeschfahrzeug).svg).toContain('#fa321e');
    expect(renderSign(UNIT_SIGNS.rettungswagen).svg).toContain('#ffffff');
  });

  it('draws incidents as "Anlass" with a DV 102 symbol where one fits, else the type code', () => {
    expect(incidentSign('brand', 'BR')).toEqual({ grundzeichen: 'anlass', symbol: 'fortentwickelter-brand' });
    expect(incidentSign('einbruch', 'ED')).toEqual({ grundzeichen: 'anlass', text: 'ED' });
    expect(renderSign(incidentSign('einbruch', 'ED')).svg).toContain('ED');
  });

  it('makes an <img> source without base64 logging', () => {
    expect(svgDataUrl('<svg a="1"/>')).toBe('data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%221%22%2F%3E');
  });
});
