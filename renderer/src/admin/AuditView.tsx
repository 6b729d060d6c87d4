/**
 * The audit log for admins (`?view=audit`): entries newest first with "load older", filters by
 * period, actor and kind, the hash chain's verification, CSV / JSON Lines export. The server
 * checks the permission audit.read on every request and records opening and exporting the log.
 */
import { dateTimeFieldPattern, parseDateTimeField } from '../i18n/zonedTime.ts';
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import {
  exportUrl,
  fetchAuditPage,
  verifyAuditChain,
  type AuditEntry,
  type AuditFilter,
  type AuditVerify,
} from './auditApi.ts';
import './audit.css';

interface Draft {
  from: string;
  to: string;
  actor: string;
  action: string;
}
const EMPTY: Draft = { from: '', to: '', actor: '', action: '' };
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The filter the server understands, 'badDateTime' for a date that is not one, or 'badPeriod'. Dates
 * are typed day-first in the UI language (TT.MM.JJJJ HH:MM) and read in the zone times are shown in.
 */
export function toFilter(d: Draft, zone: string): AuditFilter | 'badPeriod' | 'badDateTime' {
  const time = (v: string) => (v.trim() ? parseDateTimeField(v, zone) : undefined);
  const from = time(d.from);
  const to = time(d.to);
  if (from === null || to === null) return 'badDateTime';
  if (from !== undefined && to !== undefined && to <= from) return 'badPeriod';
  return {
    ...(from !== undefined && Number.isFinite(from) ? { from } : {}),
    ...(to !== undefined && Number.isFinite(to) ? { to } : {}),
    ...(d.actor.trim() ? { actor: d.actor.trim() } : {}),
    ...(d.action.trim() ? { action: d.action.trim() } : {}),
  };
}

export function AuditView({ onBack }: { onBack?: () => void }) {
  const { t, dateTime, lang, zone } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<AuditVerify | null>(null);

  // The first page whenever the filter changes (a stale answer to an older filter is dropped).
  useEffect(() => {
    let current = true;
    fetchAuditPage(filter).then(
      (page) => {
        if (!current) return;
        setEntries(page.entries);
        setNext(page.nextCursor);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(message(e));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [filter]);

  const loadMore = async (cursor: number) => {
    setLoading(true);
    try {
      const page = await fetchAuditPage(filter, cursor);
      setEntries((old) => [...old, ...page.entries]);
      setNext(page.nextCursor);
    } catch (e) {
      setError(message(e));
    } finally {
      setLoading(false);
    }
  };
  const show = (f: AuditFilter) => {
    setLoading(true);
    setError(null);
    setFilter(f);
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const f = toFilter(draft, zone);
    if (f === 'badPeriod') return setError(t('admin.audit.badPeriod'));
    if (f === 'badDateTime')
      return setError(t('replay.bad.dateTime', { pattern: dateTimeFieldPattern(lang) }));
    show(f);
  };
  const runVerify = async () => {
    try {
      setVerify(await verifyAuditChain());
    } catch (e) {
      setError(message(e));
    }
  };
  const field = (name: keyof Draft, type: string, label: string) => (
    <label>
      {label}
      <input
        type={type === 'datetime' ? 'text' : type}
        name={name}
        placeholder={type === 'datetime' ? dateTimeFieldPattern(lang) : undefined}
        data-testid={`audit-${name}`}
        value={draft[name]}
        list={name === 'action' ? 'audit-actions' : undefined}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    </label>
  );
  const actions = [...new Set(entries.map((e) => e.action))].sort();

  return (
    <div className="audit-view" data-testid="audit-view">
      <header className="audit-head">
        <h1>{t('admin.audit.title')}</h1>
        {onBack && (
          <button type="button" onClick={onBack} data-testid="audit-back">
            {t('admin.audit.back')}
          </button>
        )}
      </header>
      <form className="audit-filter" onSubmit={apply}>
        {field('from', 'datetime', t('admin.audit.from'))}
        {field('to', 'datetime', t('admin.audit.to'))}
        {field('actor', 'text', t('admin.audit.actor'))}
        {field('action', 'text', t('admin.audit.action'))}
        <datalist id="audit-actions">
          {actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <button type="submit" data-testid="audit-apply">
          {t('admin.audit.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY);
            show({});
          }}
        >
          {t('admin.audit.reset')}
        </button>
      </form>
      <div className="audit-tools">
        <button type="button" onClick={() => void runVerify()} data-testid="audit-verify">
          {t('admin.audit.verify')}
        </button>
        <span
          className={verify ? (verify.ok ? 'audit-ok' : 'audit-broken') : undefined}
          data-testid="audit-verify-status"
        >
          {verify
            ? verify.ok
              ? t('admin.audit.verify.ok', { n: verify.entries })
              : t('admin.audit.verify.broken', { problem: verify.problem })
            : t('admin.audit.verify.unknown')}
        </span>
        <span className="audit-export" title={t('admin.audit.exportHint')}>
          {t('admin.audit.export')}{' '}
          <a href={exportUrl('csv', filter)} download data-testid="audit-export-csv">
            {t('admin.audit.export.csv')}
          </a>{' '}
          <a href={exportUrl('jsonl', filter)} download data-testid="audit-export-jsonl">
            {t('admin.audit.export.jsonl')}
          </a>
        </span>
      </div>
      {error && (
        <p className="audit-error" role="alert" data-testid="audit-error">
          {t('admin.audit.error', { error })}
        </p>
      )}
      <table className="audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('admin.audit.col.id')}</th>
            <th>{t('admin.audit.col.time')}</th>
            <th>{t('admin.audit.col.actor')}</th>
            <th>{t('admin.audit.col.action')}</th>
            <th>{t('admin.audit.col.target')}</th>
            <th>{t('admin.audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td>{e.id}</td>
              <td>{dateTime(e.time)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td className="audit-details">
                {Object.keys(e.details).length ? JSON.stringify(e.details) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="audit-foot">
        {loading ? (
          <span>{t('admin.audit.loading')}</span>
        ) : entries.length === 0 ? (
          <span data-testid="audit-empty">{t('admin.audit.empty')}</span>
        ) : (
          <span data-testid="audit-count">{t('admin.audit.count', { n: entries.length })}</span>
        )}
        {next !== null && !loading && (
          <button type="button" onClick={() => void loadMore(next)} data-testid="audit-more">
            {t('admin.audit.more')}
          </button>
        )}
      </footer>
    </div>
  );
}
