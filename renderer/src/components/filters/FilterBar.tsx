/**
 * The filters that narrow the map and the lists alike: district, unit kind, FMS status, call type.
 * Each is a drop-down of checkboxes; nothing ticked means no restriction. Bereich offers the region's
 * districts (the server's polygons) and "ohne Bereich" for whatever has none.
 */
import { useMemo, type ReactNode } from 'react';
import { CALL_TYPES, FMS_STATUSES, UNIT_KINDS } from '#shared/domain';
import { filterStore, useFilter, type FilterState } from '../../stores/filterStore.ts';
import { districtsOf, isFilterActive, NO_DISTRICT, type Filter } from '../../stores/filters.ts';
import { useSampledPicture } from '../../stores/panelPicture.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { useRegionDistricts } from '../../connection/geo.ts';

type Key = keyof Filter;

function Menu<K extends Key>(p: {
  field: K;
  label: string;
  values: readonly Filter[K][number][];
  render: (v: Filter[K][number]) => ReactNode;
}) {
  const { t } = useI18n();
  const chosen = useFilter((s: FilterState) => s[p.field]) as readonly Filter[K][number][];
  return (
    <details className="filter-menu" data-testid={`filter-${p.field}`}>
      <summary className={chosen.length ? 'active' : undefined}>
        {chosen.length ? t('filter.count', { label: p.label, n: chosen.length }) : p.label}
      </summary>
      <div className="filter-options" role="group" aria-label={p.label}>
        {p.values.length === 0 && <span className="muted">{t('filter.noValues')}</span>}
        {p.values.map((v) => (
          <label key={String(v)}>
            <input
              type="checkbox"
              checked={chosen.includes(v)}
              onChange={() => filterStore.getState().toggle(p.field, v)}
            />
            {p.render(v)}
          </label>
        ))}
      </div>
    </details>
  );
}

export function FilterBar() {
  const { t } = useI18n();
  const { picture } = useSampledPicture(5_000);
  const region = useRegionDistricts();
  const districts = useMemo(
    () => districtsOf(Object.values(picture.units), Object.values(picture.incidents), region),
    [picture, region],
  );
  const active = useFilter((s) => isFilterActive(s));
  return (
    <div className="filter-bar" role="group" aria-label={t('filter.label')}>
      <Menu
        field="districts"
        label={t('filter.district')}
        values={districts}
        render={(d) => (d === NO_DISTRICT ? t('filter.noDistrict') : d)}
      />
      <Menu field="kinds" label={t('filter.kinds')} values={UNIT_KINDS} render={(k) => t(`kind.${k}`)} />
      <Menu
        field="statuses"
        label={t('filter.statuses')}
        values={FMS_STATUSES}
        render={(s) => `${s} ${t(`fms.${s}`)}`}
      />
      <Menu field="types" label={t('filter.types')} values={CALL_TYPES} render={(c) => t(`callType.${c}`)} />
      {active && (
        <button type="button" data-testid="filter-clear" onClick={() => filterStore.getState().clear()}>
          {t('filter.clear')}
        </button>
      )}
    </div>
  );
}
