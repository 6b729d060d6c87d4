/** Explains why the replay cannot open (bad route, unknown dataset or incident) instead of crashing. */
import { useI18n, type MessageKey } from '../i18n/i18n.ts';
import { useReplay, type Problem } from './replayStore.ts';

function describe(t: (key: MessageKey, params?: Record<string, string>) => string, p: Problem): string {
  switch (p.key) {
    case 'replay.bad.order':
    case 'replay.bad.reason':
      return t(p.key);
    case 'replay.bad.time':
      return t(p.key, { name: p.name, value: p.value });
    default:
      return t(p.key, { value: p.value });
  }
}

export function ReplayProblems() {
  const { t } = useI18n();
  const problems = useReplay((s) => s.problems);
  if (problems.length === 0) return null;
  return (
    <div className="replay-problems" role="alert" data-testid="replay-problems">
      <h2>{t('replay.problemTitle')}</h2>
      <ul>
        {problems.map((p, n) => (
          <li key={n}>{describe(t, p)}</li>
        ))}
      </ul>
      <p className="muted">{t('replay.problemHelp')}</p>
      <a href="?mode=replay">{t('replay.toDefault')}</a>
    </div>
  );
}
