/** Theme, alarm sound, the "no unit" warning and the time-in-status thresholds per FMS status. */
import { useState } from 'react';
import { FMS_STATUSES, type FmsStatus } from '#shared/domain';
import { SYMBOL_SETS, THEMES, settingsStore, useSettings } from '../../stores/settingsStore.ts';
import { DEFAULT_THRESHOLDS, MAX_MINUTES, validThresholds } from '../../stores/panelSettings.ts';
import { uiStore, useUi } from '../../stores/uiStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { StatusChip } from '../StatusChip.tsx';
import { Dialog } from './Dialog.tsx';
import { WallSettings } from '../../wallControl/WallSettings.tsx';
import { BasemapSettings } from '../../basemap/BasemapSettings.tsx';

function ThresholdRow({ status }: { status: FmsStatus }) {
  const { t } = useI18n();
  const th = useSettings((s) => s.thresholds[status]);
  const set = settingsStore.getState().setThreshold;
  const [invalid, setInvalid] = useState(false);
  const change = (patch: { amberMin?: number; redMin?: number }) => {
    const next = validThresholds({ ...(th ?? { amberMin: 0, redMin: 0 }), ...patch });
    // A refused value is not stored; the row says why instead of silently snapping back.
    setInvalid(!next);
    if (next) set(status, next);
  };
  return (
    <tr data-testid={`threshold-${status}`}>
      <th scope="row">
        <StatusChip status={status} /> {t(`fms.${status}`)}
      </th>
      <td>
        <input
          type="checkbox"
          aria-label={t('settings.enabled')}
          checked={th !== null}
          onChange={(e) =>
            set(
              status,
              e.target.checked ? (DEFAULT_THRESHOLDS[status] ?? { amberMin: 30, redMin: 60 }) : null,
            )
          }
        />
      </td>
      {(['amberMin', 'redMin'] as const).map((k) => (
        <td key={k}>
          <input
            type="number"
            min={0}
            max={MAX_MINUTES}
            disabled={th === null}
            aria-label={t(k === 'amberMin' ? 'settings.amber' : 'settings.red')}
            value={th?.[k] ?? ''}
            onChange={(e) => change({ [k]: Number(e.target.value) })}
          />
        </td>
      ))}
      <td>
        {invalid && (
          <span className="field-error" role="alert">
            {t('settings.invalid')}
          </span>
        )}
      </td>
    </tr>
  );
}

export function SettingsDialog() {
  const open = useUi((s) => s.settingsOpen);
  const { t } = useI18n();
  const theme = useSettings((s) => s.theme);
  const symbols = useSettings((s) => s.symbols);
  const sound = useSettings((s) => s.sound);
  const warn = useSettings((s) => s.unassignedWarnMin);
  if (!open) return null;
  const s = settingsStore.getState();
  return (
    <Dialog
      title={t('settings.title')}
      testId="settings-dialog"
      onClose={() => uiStore.getState().setSettings(false)}
      wide
    >
      <div className="form">
        <label>
          {t('theme.label')}
          <select
            value={theme}
            onChange={(e) => s.setTheme(THEMES.find((x) => x === e.target.value) ?? 'dark')}
          >
            {THEMES.map((x) => (
              <option key={x} value={x}>
                {t(`theme.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('symbols.label')}
          <select
            data-testid="symbol-set"
            value={symbols}
            onChange={(e) => s.setSymbols(SYMBOL_SETS.find((x) => x === e.target.value) ?? 'tactical')}
          >
            {SYMBOL_SETS.map((x) => (
              <option key={x} value={x}>
                {t(`symbols.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={sound} onChange={(e) => s.setSound(e.target.checked)} />
          {t('settings.sound')}
        </label>
        <label>
          {t('settings.unassigned')}
          <input
            type="number"
            min={0}
            max={MAX_MINUTES}
            value={warn}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n >= 0 && n <= MAX_MINUTES) s.setUnassignedWarnMin(n);
            }}
          />
        </label>
      </div>
      <h3>{t('settings.thresholds')}</h3>
      <p className="muted">{t('settings.invalid')}</p>
      <table className="thresholds">
        <thead>
          <tr>
            <th>{t('settings.status')}</th>
            <th>{t('settings.enabled')}</th>
            <th>{t('settings.amber')}</th>
            <th>{t('settings.red')}</th>
          </tr>
        </thead>
        <tbody>
          {FMS_STATUSES.map((st) => (
            <ThresholdRow key={st} status={st} />
          ))}
        </tbody>
      </table>
      <WallSettings />
      <BasemapSettings />
    </Dialog>
  );
}
