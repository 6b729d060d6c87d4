/**
 * Turns store changes into a minimal GeoJSON source diff. The reducer replaces exactly the units an
 * event touched, so a reference comparison finds the changed ids without looking at their fields.
 */
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { Unit } from '#shared/domain';
import type { Language } from '../stores/settingsStore.ts';
import { unitFeature, unitProps, type UnitProps } from './features.ts';

interface Synced {
  unit: Unit;
  stale: boolean;
  sub: string;
}

const propsList = (p: UnitProps): { key: string; value: unknown }[] =>
  Object.entries(p).map(([key, value]) => ({ key, value }));

export class UnitDiffer {
  private synced = new Map<string, Synced>();

  get size(): number {
    return this.synced.size;
  }

  /**
   * The diff from what the source holds to `units`. With `all`, every unit's properties are rebuilt
   * (after a language change). Returns null when nothing changed.
   */
  diff(
    units: Readonly<Record<string, Unit>>,
    now: number,
    staleAfterMs: number,
    lang: Language,
    all = false,
  ): GeoJSONSourceDiff | null {
    const add: GeoJSON.Feature[] = [];
    const update: NonNullable<GeoJSONSourceDiff['update']> = [];
    const remove: string[] = [];
    let kept = 0;
    for (const id in units) {
      const unit = units[id];
      const prev = this.synced.get(id);
      if (!unit) continue;
      if (prev?.unit === unit && !all) {
        kept++;
        continue;
      }
      const feature = unitFeature(unit, now, staleAfterMs, lang);
      if (!feature) {
        if (prev) {
          remove.push(id);
          this.synced.delete(id);
        }
        continue;
      }
      this.synced.set(id, { unit, stale: feature.properties.stale, sub: feature.properties.sub });
      kept++;
      if (!prev) add.push(feature);
      else {
        const moved = prev.unit.position !== unit.position;
        update.push({
          id,
          ...(moved ? { newGeometry: feature.geometry } : {}),
          addOrUpdateProperties: propsList(feature.properties),
        });
      }
    }
    // Units leave only when a snapshot replaced the picture: look for them only then.
    if (this.synced.size > kept) {
      for (const id of this.synced.keys()) {
        if (!(id in units)) {
          remove.push(id);
          this.synced.delete(id);
        }
      }
    }
    if (!add.length && !update.length && !remove.length) return null;
    return { add, update, remove };
  }

  /** Units whose staleness or fix age label changed with the passing of time alone. */
  refreshAges(now: number, staleAfterMs: number, lang: Language): GeoJSONSourceDiff | null {
    const update: NonNullable<GeoJSONSourceDiff['update']> = [];
    for (const [id, s] of this.synced) {
      const p = unitProps(s.unit, now, staleAfterMs, lang);
      if (p.stale === s.stale && p.sub === s.sub) continue;
      s.stale = p.stale;
      s.sub = p.sub;
      update.push({
        id,
        addOrUpdateProperties: [
          { key: 'stale', value: p.stale },
          { key: 'sub', value: p.sub },
        ],
      });
    }
    return update.length ? { update } : null;
  }

  reset(): void {
    this.synced.clear();
  }
}
