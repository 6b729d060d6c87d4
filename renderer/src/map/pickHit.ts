/**
 * Which symbol a click means when several are under the pointer. Incidents are drawn above units,
 * so the top layer alone would steal clicks meant for a unit beside or below an incident marker;
 * instead the symbol whose middle is nearest the click wins, a unit on a near tie.
 */
export interface Candidate {
  kind: 'unit' | 'incident' | 'cluster';
  id: string;
  /** Screen position of the symbol's middle (an incident marker's is above its place). */
  x: number;
  y: number;
}

const TIE_PX = 2;
const RANK: Record<Candidate['kind'], number> = { unit: 0, cluster: 1, incident: 2 };

export function pickHit(click: { x: number; y: number }, hits: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  let bestDist = Infinity;
  for (const h of hits) {
    const d = Math.hypot(h.x - click.x, h.y - click.y);
    const better =
      d < bestDist - TIE_PX || (Math.abs(d - bestDist) <= TIE_PX && best && RANK[h.kind] < RANK[best.kind]);
    if (!best || better) {
      best = h;
      bestDist = Math.min(d, bestDist);
    }
  }
  return best;
}
