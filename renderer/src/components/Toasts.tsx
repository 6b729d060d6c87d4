/** Command confirmations and refusals, bottom centre; refusals are alerts and stay until dismissed. */
import { dismissToast, useToasts } from '../stores/toastStore.ts';
import { useI18n } from '../i18n/i18n.ts';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const { t } = useI18n();
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" data-testid="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${toast.kind}`}
        >
          <span>{toast.text}</span>
          <button
            type="button"
            className="close"
            aria-label={t('dialog.close')}
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
