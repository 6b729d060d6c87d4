/**
 * The map's legend: what each unit sign, status colour, incident sign and priority colour means, in
 * the symbol set in use. A <details> in the map's corner, closed by default; Escape closes it.
 */
import { useMemo } from 'react';
import { FMS_STATUSES, PRIORITIES } from '#shared/domain';
import { useSettings } from '../stores/settingsStore.ts';
import { useI18n } from '../i18n/i18n.ts';
import { PRIORITY_COLORS, STATUS_COLORS } from '../theme/colors.ts';
import {
  ALL_CALL_TYPES,
  ALL_UNIT_KINDS,
  UNIT_SIGNS,
  incidentSign,
  renderSign,
  svgDataUrl,
} from './tacticalSigns.ts';
import { translate } from '../i18n/i18n.ts';
import '../styles/legend.css';

/** The signs as <img> sources, built once (synchronous SVG text, nothing fetched). */
function useSignUrls(): { units: Map<string, string>; incidents: Map<string, string> } {
  return useMemo(
    () => ({
      units: new Map(ALL_UNIT_KINDS.map((k) => [k, svgDataUrl(renderSign(UNIT_SIGNS[k]).svg)])),
      incidents: new Map(
        ALL_CALL_TYPES.map((c) => [
          c,
          svgDataUrl(renderSign(incidentSign(c, translate('de', `callTypeShort.${c}`))).svg),
        ]),
      ),
    }),
    [],
  );
}

export function MapLegend() {
  const { t } = useI18n();
  const symbols = useSettings((s) => s.symbols);
  const urls = useSignUrls();
  const tactical = symbols === 'tactical';
  return (
    <details className="map-legend" data-testid="map-legend" data-symbols={symbols}>
      <summary>{t('legend.title')}</summary>
      <div className="legend-body">
        {tactical && (
          <section>
            <h4>{t('legend.units')}</h4>
            <ul>
              {ALL_UNIT_KINDS.map((k) => (
                <li key={k}>
                  <img src={urls.units.get(k)} alt="" className="legend-sign" />
                  {t(`kind.${k}`)}
                </li>
              ))}
            </ul>
          </section>
        )}
        <section>
          <h4>{t(tactical ? 'legend.statusFrame' : 'legend.statusArrow')}</h4>
          <ul>
            {FMS_STATUSES.map((s) => (
              <li key={s}>
                <span className="legend-swatch" style={{ background: STATUS_COLORS[s] }}>
                  {s}
                </span>
                {t(`fms.${s}`)}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h4>{t('legend.incidents')}</h4>
          <ul data-testid="legend-incident-types">
            {ALL_CALL_TYPES.map((c) => (
              <li key={c}>
                {tactical ? (
                  <img src={urls.incidents.get(c)} alt="" className="legend-sign" />
                ) : (
                  <span className="legend-code">{t(`callTypeShort.${c}`)}</span>
                )}
                {t(`callType.${c}`)}
              </li>
            ))}
          </ul>
          <ul>
            {PRIORITIES.map((p) => (
              <li key={p}>
                <span className="legend-swatch" style={{ background: PRIORITY_COLORS[p] }} />
                {t(`priority.${p}`)}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </details>
  );
}
