/**
 * The wall displays section of the settings: in Electron, which display shows which wall layout
 * (and whether it cycles), closing a wall, and the workstation's display, saved by main through the
 * bridge; in a browser, the `/?mode=wall&layout=…` address of each layout to open on a wall screen.
 */
import { useEffect, useState } from 'react';
import type { DisplayInfo } from '#shared/ipc';
import { useI18n } from '../i18n/i18n.ts';
import { serverUrlFromLocation, wallBridge } from '../platform/platform.ts';
import { WALL_LAYOUTS, WALL_LAYOUT_TITLES, isWallLayout } from './layouts.ts';
import { assignWall, clearWall, refreshWalls, setWorkstationDisplay, useWalls } from './wallsStore.ts';
import './walls.css';

/** Cycle choices in seconds (the wall accepts 10-3600). */
export const CYCLE_CHOICES = [30, 60, 120, 300, 600] as const;

export function wallLink(origin: string, layout: string, cycleS: number | null): string {
  const q = new URLSearchParams({ mode: 'wall', layout });
  if (cycleS) q.set('cycle', String(cycleS));
  return `${origin}/?${q.toString()}`;
}

function CycleSelect(p: {
  value: number | null;
  disabled?: boolean;
  onChange(v: number | null): void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <select
      aria-label={t('walls.cycle')}
      data-testid={p.testId}
      disabled={p.disabled}
      value={p.value ?? ''}
      onChange={(e) => p.onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{t('walls.cycleOff')}</option>
      {[
        ...CYCLE_CHOICES,
        ...(p.value && !(CYCLE_CHOICES as readonly number[]).includes(p.value) ? [p.value] : []),
      ].map((s) => (
        <option key={s} value={s}>
          {t('walls.cycleEvery', { s })}
        </option>
      ))}
    </select>
  );
}

function DisplayRow({ d, only }: { d: DisplayInfo; only: boolean }) {
  const { t } = useI18n();
  const busy = useWalls((s) => s.busy);
  const cycle = d.wallCycle ?? null;
  const name = d.label || t('walls.displayN', { id: d.id });
  return (
    <tr data-testid={`wall-display-${d.id}`}>
      <th scope="row">
        {name}
        <div className="muted">
          {d.bounds.width}×{d.bounds.height}
          {d.primary ? ` · ${t('walls.primary')}` : ''}
          {d.restarts > 0 ? ` · ${t('walls.restarts', { n: d.restarts })}` : ''}
        </div>
        {only && d.workstation && d.wallLayout && (
          <div className="field-warning" data-testid={`wall-covers-${d.id}`}>
            {t('walls.coversWorkstation')}
          </div>
        )}
      </th>
      <td>
        <select
          aria-label={t('walls.layout', { name })}
          data-testid={`wall-layout-${d.id}`}
          disabled={busy}
          value={d.wallLayout ?? ''}
          onChange={(e) => {
            const layout = e.target.value;
            void (layout ? assignWall(d.id, layout, cycle) : clearWall(d.id));
          }}
        >
          <option value="">{t('walls.noWall')}</option>
          {WALL_LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {t(WALL_LAYOUT_TITLES[l])}
            </option>
          ))}
          {d.wallLayout && !isWallLayout(d.wallLayout) && (
            <option value={d.wallLayout}>{d.wallLayout}</option>
          )}
        </select>
      </td>
      <td>
        <CycleSelect
          testId={`wall-cycle-${d.id}`}
          value={cycle}
          disabled={busy || !d.wallLayout}
          onChange={(c) => d.wallLayout && void assignWall(d.id, d.wallLayout, c)}
        />
      </td>
      <td>
        <input
          type="radio"
          name="workstation-display"
          aria-label={t('walls.workstationOn', { name })}
          data-testid={`wall-workstation-${d.id}`}
          checked={d.workstation}
          disabled={busy}
          onChange={() => void setWorkstationDisplay(d.id)}
        />
      </td>
      <td>
        {d.wallLayout && (
          <button
            type="button"
            data-testid={`wall-clear-${d.id}`}
            disabled={busy}
            onClick={() => void clearWall(d.id)}
          >
            {t('walls.clear')}
          </button>
        )}
      </td>
    </tr>
  );
}

function ElectronWalls() {
  const { t } = useI18n();
  const list = useWalls((s) => s.list);
  const busy = useWalls((s) => s.busy);
  if (!list) return <p className="muted">{t('walls.loading')}</p>;
  return (
    <>
      <table className="wall-displays" data-testid="wall-displays">
        <thead>
          <tr>
            <th>{t('walls.display')}</th>
            <th>{t('walls.layoutHeader')}</th>
            <th>{t('walls.cycle')}</th>
            <th>{t('walls.workstation')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.displays.map((d) => (
            <DisplayRow key={d.id} d={d} only={list.displays.length === 1} />
          ))}
        </tbody>
      </table>
      {list.missing.length > 0 && (
        <ul className="wall-missing" data-testid="wall-missing">
          {list.missing.map((m) => (
            <li key={m.displayId}>
              {t('walls.missing', {
                name: m.label || t('walls.displayN', { id: m.displayId }),
                layout: isWallLayout(m.layout) ? t(WALL_LAYOUT_TITLES[m.layout]) : m.layout,
              })}{' '}
              <button type="button" disabled={busy} onClick={() => void clearWall(m.displayId)}>
                {t('walls.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        {list.keepAwake ? t('walls.keepAwake') : t('walls.noneOpenHint')}{' '}
        <button
          type="button"
          data-testid="wall-workstation-auto"
          disabled={busy}
          onClick={() => void setWorkstationDisplay(null)}
        >
          {t('walls.workstationAuto')}
        </button>
      </p>
    </>
  );
}

function origin(): string {
  try {
    return serverUrlFromLocation(location);
  } catch {
    return location.origin;
  }
}

function CopyLink({ url, layout }: { url: string; layout: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard permission (plain http): select the text so Ctrl+C copies it.
      const input = document.querySelector<HTMLInputElement>(`[data-testid="wall-link-${layout}"]`);
      input?.select();
    }
  };
  return (
    <button type="button" data-testid={`wall-copy-${layout}`} onClick={() => void copy()}>
      {copied ? t('walls.copied') : t('walls.copy')}
    </button>
  );
}

function BrowserWalls() {
  const { t } = useI18n();
  const [cycle, setCycle] = useState<number | null>(null);
  const base = origin();
  return (
    <>
      <p data-testid="wall-browser-hint">{t('walls.browserHint')}</p>
      <label>
        {t('walls.cycle')} <CycleSelect testId="wall-link-cycle" value={cycle} onChange={setCycle} />
      </label>
      <table className="wall-links">
        <tbody>
          {WALL_LAYOUTS.map((l) => {
            const url = wallLink(base, l, cycle);
            return (
              <tr key={l}>
                <th scope="row">{t(WALL_LAYOUT_TITLES[l])}</th>
                <td>
                  <input
                    readOnly
                    className="wall-link"
                    data-testid={`wall-link-${l}`}
                    aria-label={t('walls.linkFor', { name: t(WALL_LAYOUT_TITLES[l]) })}
                    value={url}
                    onFocus={(e) => e.target.select()}
                  />
                </td>
                <td>
                  <CopyLink url={url} layout={l} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function WallSettings() {
  const { t } = useI18n();
  const error = useWalls((s) => s.error);
  const electron = wallBridge() !== null;
  useEffect(() => {
    void refreshWalls();
  }, []);
  return (
    <section
      className="wall-settings"
      data-testid="wall-settings"
      data-platform={electron ? 'electron' : 'browser'}
    >
      <h3>{t('walls.title')}</h3>
      {electron ? <ElectronWalls /> : <BrowserWalls />}
      {error && (
        <p className="field-error" role="alert">
          {t('walls.failed', { detail: error })}
        </p>
      )}
    </section>
  );
}
