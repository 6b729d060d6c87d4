/**
 * The search box's matching: callsigns and incident numbers ignoring case, spaces and punctuation
 * ("k1112" finds "K 11/12"), addresses by words ignoring case and accents ("koelner str" and
 * "Kölner Str." both find "Kölner Straße 5"). Prefix matches rank before matches inside.
 */
import type { Incident, Unit } from '#shared/domain';

export type SearchHit =
  | { kind: 'unit'; id: string; label: string; unit: Unit }
  | { kind: 'incident'; id: string; label: string; incident: Incident };

/** Lower case, umlauts spelled out, accents and "ß" folded; "straße"/"str." become "str". */
export function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/strasse\b|str\./g, 'str');
}

const compact = (s: string): string => normalize(s).replace(/[^\p{L}\p{N}]/gu, '');

function codeScore(value: string, q: string): number {
  const v = compact(value);
  if (!q) return -1;
  return v.startsWith(q) ? 0 : v.includes(q) ? 1 : -1;
}

function addressScore(address: string | undefined, words: readonly string[]): number {
  if (!address || words.length === 0) return -1;
  const a = normalize(address);
  return words.every((w) => a.includes(w)) ? 2 : -1;
}

export function search(
  units: Iterable<Unit>,
  incidents: Iterable<Incident>,
  query: string,
  limit = 10,
): SearchHit[] {
  const q = compact(query);
  const words = normalize(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (!q) return [];
  const scored: { score: number; hit: SearchHit }[] = [];
  for (const u of units) {
    const score = codeScore(u.callsign, q);
    if (score >= 0) scored.push({ score, hit: { kind: 'unit', id: u.id, label: u.callsign, unit: u } });
  }
  for (const inc of incidents) {
    const byNumber = codeScore(inc.number, q);
    const score = byNumber >= 0 ? byNumber : addressScore(inc.address, words);
    if (score >= 0)
      scored.push({ score, hit: { kind: 'incident', id: inc.id, label: inc.number, incident: inc } });
  }
  scored.sort((a, b) => a.score - b.score || a.hit.label.localeCompare(b.hit.label, 'de'));
  return scored.slice(0, limit).map((s) => s.hit);
}
