/**
 * Turns store changes into a minimal GeoJSON source diff. The reducer replaces exactly the units an
 * event touched, so a reference comparison finds the changed ids without looking at their fields.
 *
 * A changed unit goes out as an `add` of its whole feature, which replaces the feature with the
 * same id. The diff's `update` list would say less, but MapLibre 6.17's worker applies it with an
 * array concat per entry (quadratic: ~0.5 s for 5,000 moved units on this machine) while `add`
 * is one linear pass.
 *
 * With a view box (viewCull.ts) the source holds only the units inside it: a unit outside is
 * remembered with the object last looked at, so an unchanged one costs a lookup, not a feature.
 */
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { Unit } from '#shared/domain';
import type { Language } from '../stores/settingsStore.ts';
import { unitFeature, unitProps } from './features.ts';
import { UnitSpots } from './unitSpots.ts';
import { inBox, type Box } from './viewCull.ts';

interface Synced {
  unit: Unit;
  stale: boolean;
  sub: string;
  slot: number;
}

export class UnitDiffer {
  private synced = new Map<string, Synced>();
  /** Units at one spot are spread around it (their slot); a moved unit's slot is looked up again. */
  private spots = new UnitSpots();
  /** Units not in the source (outside the box, or without a position) as last looked at. */
  private outside = new Map<string, Unit>();
  private box: Box | null = null;
  private boxChanged = false;

  get size(): number {
    return this.synced.size;
  }

  /** Only units inside `box` go to the source (null: every unit); the next diff moves them in or out. */
  setBox(box: Box | null): void {
    this.box = box;
    this.boxChanged = true;
  }

  private shown(unit: Unit): boolean {
    const p = unit.position;
    return !!p && (!this.box || inBox(this.box, p.lon, p.lat));
  }

  private hide(id: string, unit: Unit, remove: string[]): void {
    this.outside.set(id, unit);
    if (!this.synced.delete(id)) return;
    remove.push(id);
    this.spots.leave(id);
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
    const remove: string[] = [];
    const recheck = all || this.boxChanged;
    this.boxChanged = false;
    let kept = 0;
    let outsideSeen = 0;
    for (const id of Object.keys(units)) {
      const unit = units[id];
      if (!unit) continue;
      const prev = this.synced.get(id);
      if (!all && prev?.unit === unit) {
        if (!recheck || this.shown(unit)) kept++;
        else this.hide(id, unit, remove);
        continue;
      }
      if (!prev && !recheck && this.outside.get(id) === unit) {
        outsideSeen++;
        continue;
      }
      const feature = this.shown(unit) ? unitFeature(unit, now, staleAfterMs, lang) : null;
      if (!feature) {
        this.hide(id, unit, remove);
        outsideSeen++;
        continue;
      }
      this.outside.delete(id);
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      feature.properties.slot = this.spots.place(id, lon, lat);
      this.synced.set(id, {
        unit,
        stale: feature.properties.stale,
        sub: feature.properties.sub,
        slot: feature.properties.slot,
      });
      kept++;
      add.push(feature);
    }
    // Units leave only when a snapshot replaced the picture: look for them only then.
    if (this.synced.size > kept) {
      for (const id of this.synced.keys()) {
        if (!Object.hasOwn(units, id)) {
          remove.push(id);
          this.synced.delete(id);
          this.spots.leave(id);
        }
      }
    }
    if (this.outside.size > outsideSeen) {
      for (const id of this.outside.keys()) if (!Object.hasOwn(units, id)) this.outside.delete(id);
    }
    if (!add.length && !remove.length) return null;
    return { add, remove };
  }

  /**
   * True when a unit appeared, left, or changed in more than where it is (status, callsign, kind):
   * such changes go to the map at once, movements may wait (unitSync's push interval).
   */
  hasUrgentChange(units: Readonly<Record<string, Unit>>): boolean {
    let known = 0;
    for (const id of Object.keys(units)) {
      const unit = units[id];
      if (!unit) continue;
      const prev = this.synced.get(id)?.unit;
      if (!prev) {
        // Outside the box it waits; coming into view it may wait like any movement.
        const out = this.outside.get(id);
        if (out === unit || !this.shown(unit)) continue;
        if (!out?.position) return true;
        continue;
      }
      known++;
      if (prev === unit) continue;
      if (prev.status !== unit.status || prev.callsign !== unit.callsign || prev.kind !== unit.kind)
        return true;
      if (!unit.position) return true;
    }
    return known < this.synced.size;
  }

  /** Units whose staleness or fix age label changed with the passing of time alone. */
  refreshAges(now: number, staleAfterMs: number, lang: Language): GeoJSONSourceDiff | null {
    const add: GeoJSON.Feature[] = [];
    for (const s of this.synced.values()) {
      const p = unitProps(s.unit, now, staleAfterMs, lang);
      if (p.stale === s.stale && p.sub === s.sub) continue;
      s.stale = p.stale;
      s.sub = p.sub;
      const feature = unitFeature(s.unit, now, staleAfterMs, lang);
      if (!feature) continue;
      feature.properties.slot = s.slot;
      add.push(feature);
    }
    return add.length ? { add } : null;
  }

  reset(): void {
    this.synced.clear();
    this.outside.clear();
    this.spots.clear();
  }
}
