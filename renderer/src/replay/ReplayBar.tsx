/**
 * The replay's top bar: which data, which period, export of the period. Times are the dataset's
 * local time with its zone named, or the workstation's after the switch; the period is typed in the
 * UI language's date format (TT.MM.JJJJ HH:MM in German), read in the zone shown.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { dateTimeFieldPattern, formatDateTimeField, parseDateTimeField } from '../i18n/zonedTime.ts';
import { timeZoneStore, useTimeZone, workstationZone } from '../stores/timeZoneStore.ts';
import type { ReplayController } from './controller.ts';
import { LIVE_DATASET, MAX_REASON } from './params.ts';
import { useReplay } from './replayStore.ts';

const HOUR = 3_600_000;

export function exportUrl(
  serverUrl: string,
  format: 'geojson' | 'csv',
  dataset: string,
  from: number,
  to: number,
  timeZone?: string,
): string {
  const q = new URLSearchParams({
    format,
    dataset,
    from: String(Math.floor(from)),
    to: String(Math.ceil(to)),
    ...(timeZone ? { timeZone } : {}),
  });
  return `${serverUrl}/api/v1/replay/export?${q}`;
}

export function ReplayBar({ controller, serverUrl }: { controller: ReplayController; serverUrl: string }) {
  const i = useI18n();
  const { t } = i;
  const useWorkstation = useTimeZone((s) => s.useWorkstation);
  const dataZone = useTimeZone((s) => s.dataZone);
  const datasets = useReplay((s) => s.datasets);
  const dataset = useReplay((s) => s.dataset);
  const from = useReplay((s) => s.from);
  const to = useReplay((s) => s.to);
  const speed = useReplay((s) => s.speed);
  const reason = useReplay((s) => s.reason);
  const [reasonText, setReasonText] = useState<string | null>(null);
  const reasonValue = reasonText ?? reason;
  // The form keeps its own draft until "Laden"; a new period from elsewhere resets it.
  const [draft, setDraft] = useState({ key: `${dataset}|${from}|${to}`, dataset, from, to });
  const key = `${dataset}|${from}|${to}`;
  const d = draft.key === key ? draft : { key, dataset, from, to };
  const [fromText, setFromText] = useState<string | null>(null);
  const [toText, setToText] = useState<string | null>(null);
  const field = (ms: number) => formatDateTimeField(i.lang, i.zone, ms);
  const fromValue = fromText ?? (d.from ? field(d.from) : '');
  const toValue = toText ?? (d.to ? field(d.to) : '');
  const parsedFrom = parseDateTimeField(fromValue, i.zone);
  const parsedTo = parseDateTimeField(toValue, i.zone);
  const bad = parsedFrom === null || parsedTo === null || parsedTo <= parsedFrom;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (bad) return;
    setFromText(null);
    setToText(null);
    setDraft({ key, dataset: d.dataset, from: parsedFrom, to: parsedTo });
    setReasonText(null);
    const why = reasonValue.trim().slice(0, MAX_REASON);
    void controller.open({ dataset: d.dataset, from: parsedFrom, to: parsedTo, speed, reason: why });
  };

  return (
    <form className="replay-bar" onSubmit={submit} data-testid="replay-period">
      <label>
        {t('replay.dataset')}{' '}
        <select
          value={d.dataset}
          data-testid="replay-dataset"
          onChange={(e) => {
            // Another dataset covers other times: propose its last hour.
            const entry = datasets.find((ds) => ds.name === e.target.value);
            setDraft({ ...d, key, dataset: e.target.value });
            if (entry?.last != null && entry.first != null) {
              // In the chosen dataset's zone (unless the workstation's is shown).
              const zone = useWorkstation ? i.zone : (entry.timeZone ?? dataZone);
              setFromText(formatDateTimeField(i.lang, zone, Math.max(entry.first, entry.last - HOUR)));
              setToText(formatDateTimeField(i.lang, zone, entry.last + 60_000));
              if (!useWorkstation) timeZoneStore.getState().setDataZone(entry.timeZone);
            }
          }}
        >
          {datasets.map((ds) => (
            <option key={ds.name} value={ds.name}>
              {ds.name === LIVE_DATASET ? t('replay.dataset.live') : ds.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('replay.from')}{' '}
        <input
          type="text"
          inputMode="numeric"
          size={16}
          data-testid="replay-from"
          placeholder={dateTimeFieldPattern(i.lang)}
          title={dateTimeFieldPattern(i.lang)}
          value={fromValue}
          onChange={(e) => setFromText(e.target.value)}
        />
      </label>
      <label>
        {t('replay.to')}{' '}
        <input
          type="text"
          inputMode="numeric"
          size={16}
          data-testid="replay-to"
          placeholder={dateTimeFieldPattern(i.lang)}
          title={dateTimeFieldPattern(i.lang)}
          value={toValue}
          onChange={(e) => setToText(e.target.value)}
        />
      </label>
      <label title={t('replay.reason.hint')}>
        {t('replay.reason')}{' '}
        <input
          type="text"
          data-testid="replay-reason"
          maxLength={MAX_REASON}
          placeholder={t('replay.reason.placeholder')}
          value={reasonValue}
          onChange={(e) => setReasonText(e.target.value)}
        />
      </label>
      <button type="submit" disabled={bad} data-testid="replay-load">
        {t('replay.load')}
      </button>
      {bad && fromValue && toValue && (
        <span className="error" data-testid="replay-bad-period">
          {parsedFrom === null || parsedTo === null
            ? t('replay.bad.dateTime', { pattern: dateTimeFieldPattern(i.lang) })
            : t('replay.bad.order')}
        </span>
      )}
      <span className="replay-zone" data-testid="replay-zone" data-zone={i.zone}>
        {t('replay.zone', { zone: i.zoneName(from) })}
      </span>
      <label className="replay-zone-switch" title={t('replay.zone.switchHint')}>
        <input
          type="checkbox"
          data-testid="zone-switch"
          checked={useWorkstation}
          onChange={(e) => {
            // The typed period keeps its instants: shown again in the other zone.
            setFromText(null);
            setToText(null);
            timeZoneStore.getState().setUseWorkstation(e.target.checked);
          }}
        />{' '}
        {t('replay.zone.workstation', { zone: workstationZone() })}
      </label>
      <span className="replay-export" title={t('replay.export.hint')}>
        {t('replay.export')}:{' '}
        <a
          className="button"
          data-testid="replay-export-geojson"
          href={exportUrl(serverUrl, 'geojson', dataset, from, to, i.zone)}
          download
        >
          {t('replay.export.geojson')}
        </a>{' '}
        <a
          className="button"
          data-testid="replay-export-csv"
          href={exportUrl(serverUrl, 'csv', dataset, from, to, i.zone)}
          download
        >
          {t('replay.export.csv')}
        </a>
      </span>
    </form>
  );
}
