/** Which basemap the server is configured with (read-only: the settings file lives with the server). */
import { useBasemap } from '../../basemap/basemapStore.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function BasemapInfo() {
  const { t } = useI18n();
  const summary = useBasemap((s) => s.summary);
  const error = useBasemap((s) => s.error);
  const kind = summary?.kind ?? 'none';
  const overlays = summary?.overlays.map((o) => o.id) ?? [];
  return (
    <div className="basemap-info" data-testid="basemap-info" data-kind={kind}>
      <div className="heatmap-legend-title">{t('basemap.label')}</div>
      <div>{t(`basemap.kind.${kind}`, { name: summary?.archive?.name ?? '' })}</div>
      <div>
        {overlays.length ? t('basemap.overlays', { list: overlays.join(', ') }) : t('basemap.noOverlays')}
      </div>
      {error && <div role="alert">{t('basemap.failed', { detail: error })}</div>}
      <div className="basemap-hint">{t('basemap.hint')}</div>
    </div>
  );
}
