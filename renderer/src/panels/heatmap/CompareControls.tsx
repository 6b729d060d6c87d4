/** Compare mode: difference map or two maps side by side, what the period is compared with, presets. */
import { heatmapStore, useHeatmap } from '../../heatmap/heatmapStore.ts';
import {
  COMPARE_BASES,
  COMPARE_PRESETS,
  type CompareBase,
  type ComparePreset,
} from '../../heatmap/windows.ts';
import { useI18n } from '../../i18n/i18n.ts';

const VIEWS = ['difference', 'sideBySide'] as const;

export function CompareControls() {
  const { t } = useI18n();
  const view = useHeatmap((s) => s.compareView);
  const base = useHeatmap((s) => s.compareBase);
  const set = heatmapStore.getState().set;
  return (
    <div className="heatmap-compare">
      <div className="heatmap-row" role="radiogroup" aria-label={t('heatmap.compareView')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={view === v}
            data-testid={`heatmap-view-${v}`}
            onClick={() => set({ compareView: v })}
          >
            {t(`heatmap.view.${v}`)}
          </button>
        ))}
      </div>
      <label>
        {t('heatmap.compareBase')}
        <select
          data-testid="heatmap-compare-base"
          value={base}
          onChange={(e) => set({ compareBase: e.target.value as CompareBase })}
        >
          {COMPARE_BASES.map((b) => (
            <option key={b} value={b}>
              {t(`heatmap.compareBase.${b}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="heatmap-presets" aria-label={t('heatmap.comparePresets')}>
        {(Object.keys(COMPARE_PRESETS) as ComparePreset[]).map((p) => (
          <button
            key={p}
            type="button"
            data-testid={`heatmap-compare-${p}`}
            onClick={() => set({ preset: COMPARE_PRESETS[p].preset, compareBase: COMPARE_PRESETS[p].base })}
          >
            {t(`heatmap.comparePreset.${p}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
