/** The keyboard shortcuts, from the same table the handler uses. "?" opens it, Escape closes it. */
import { uiStore, useUi } from '../../stores/uiStore.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.ts';
import { SHORTCUTS } from '../shortcuts.ts';
import { Dialog } from './Dialog.tsx';

export function HelpOverlay() {
  const open = useUi((s) => s.helpOpen);
  const { t } = useI18n();
  if (!open) return null;
  const label = (k: string) => (k.startsWith('key.') ? t(k as MessageKey) : k);
  return (
    <Dialog title={t('help.title')} testId="help-overlay" onClose={() => uiStore.getState().setHelp(false)}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <th scope="row">
                {s.keys.map((k) => (
                  <kbd key={k}>{label(k)}</kbd>
                ))}
              </th>
              <td>{t(s.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
