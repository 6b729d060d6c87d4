/**
 * Heatmap controls: on/off, view (density, hexagons, comparison with the week before), period
 * preset or a custom window (typed day-first in the UI language, read in the zone times are shown
 * in), call types; the legend underneath. The HeatmapLayer on the
 * map does the fetching.
 */
import { useState } from 'react';
import { CALL_TYPES } from '#shared/domain';
import { heatmapStore, useHeatmap } from '../../heatmap/heatmapStore.ts';
import type { HeatmapMode } from '../../heatmap/api.ts';
import { WINDOW_PRESETS, type WindowPreset } from '../../heatmap/windows.ts';
import { dateTimeFieldPattern, formatDateTimeField, parseDateTimeField } from '../../i18n/zonedTime.ts';
import { PanelFrame } from '../../components/PanelFrame.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { HeatmapLegend } from './HeatmapLegend.tsx';
import { BasemapInfo } from './BasemapInfo.tsx';
import { CompareControls } from './CompareControls.tsx';

const MODES: readonly HeatmapMode[] = ['heat', 'hex', 'compare'];
const DAY = 86_400_000;

function CustomWindow() {
  const i = useI18n();
  const { t } = i;
  const custom = useHeatmap((s) => s.custom);
  const field = (ms: number) => formatDateTimeField(i.lang, i.zone, ms);
  const [from, setFrom] = useState(() => field(custom?.from ?? Date.now() - DAY));
  const [to, setTo] = useState(() => field(custom?.to ?? Date.now()));
  const f = parseDateTimeField(from, i.zone);
  const e = parseDateTimeField(to, i.zone);
  const valid = f !== null && e !== null && e > f;
  const apply = (nf: string, nt: string) => {
    const a = parseDateTimeField(nf, i.zone);
    const b = parseDateTimeField(nt, i.zone);
    if (a !== null && b !== null && b > a) heatmapStore.getState().set({ custom: { from: a, to: b } });
  };
  const pattern = dateTimeFieldPattern(i.lang);
  return (
    <div className="heatmap-custom">
      <label>
        {t('heatmap.from')}
        <input
          type="text"
          inputMode="numeric"
          size={16}
          placeholder={pattern}
          title={pattern}
          data-testid="heatmap-from"
          value={from}
          onChange={(ev) => (setFrom(ev.target.value), apply(ev.target.value, to))}
        />
      </label>
      <label>
        {t('heatmap.to')}
        <input
          type="text"
          inputMode="numeric"
          size={16}
          placeholder={pattern}
          title={pattern}
          data-testid="heatmap-to"
          value={to}
          onChange={(ev) => (setTo(ev.target.value), apply(from, ev.target.value))}
        />
      </label>
      {!valid && (
        <div role="alert">
          {f === null || e === null ? t('replay.bad.dateTime', { pattern }) : t('heatmap.badCustom')}
        </div>
      )}
    </div>
  );
}

export function HeatmapPanel() {
  const { t } = useI18n();
  const s = useHeatmap((x) => x);
  const set = heatmapStore.getState().set;
  const selectPreset = (preset: WindowPreset) => {
    if (preset === 'custom' && !s.custom) set({ custom: { from: Date.now() - DAY, to: Date.now() } });
    set({ preset });
  };
  return (
    <PanelFrame title={t('panel.heatmap')} testId="heatmap-panel">
      <div className="heatmap-panel">
        <label className="heatmap-toggle">
          <input
            type="checkbox"
            data-testid="heatmap-enabled"
            checked={s.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          {t('heatmap.show')}
        </label>
        {s.enabled && (
          <>
            <div className="heatmap-row" role="radiogroup" aria-label={t('heatmap.mode')}>
              {MODES.map((m) => (
                <button
                  key={m}
                  type="button"
                  role="radio"
                  aria-checked={s.mode === m}
                  data-testid={`heatmap-mode-${m}`}
                  onClick={() => set({ mode: m, enabled: true })}
                >
                  {t(`heatmap.mode.${m}`)}
                </button>
              ))}
            </div>
            <label>
              {t('heatmap.window')}
              <select
                data-testid="heatmap-preset"
                value={s.preset}
                onChange={(e) => selectPreset(e.target.value as WindowPreset)}
              >
                {WINDOW_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {t(`heatmap.preset.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            {s.preset === 'custom' && <CustomWindow />}
            {s.mode === 'compare' && <CompareControls />}
            <HeatmapLegend />
            <fieldset className="heatmap-types">
              <legend>
                {t('heatmap.types')}: {s.types.length ? s.types.length : t('heatmap.allTypes')}
              </legend>
              {CALL_TYPES.map((c) => (
                <label key={c}>
                  <input
                    type="checkbox"
                    data-testid={`heatmap-type-${c}`}
                    checked={s.types.includes(c)}
                    onChange={() => heatmapStore.getState().toggleType(c)}
                  />
                  {t(`callType.${c}`)}
                </label>
              ))}
            </fieldset>
            {s.loading && <div className="heatmap-status">{t('heatmap.loading')}</div>}
            {s.error && (
              <div className="heatmap-status" role="alert">
                {t('heatmap.error', { detail: s.error })}
              </div>
            )}
          </>
        )}
        <BasemapInfo />
      </div>
    </PanelFrame>
  );
}
