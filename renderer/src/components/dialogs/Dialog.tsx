/**
 * A modal dialog: labelled, focus moved into it on open and back where it was on close; Escape
 * closes it (through the global shortcuts, which close the topmost overlay).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.ts';

export function Dialog(p: {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = ref.current;
    const first =
      el?.querySelector<HTMLElement>('[data-autofocus]') ??
      el?.querySelector<HTMLElement>('input, select, textarea') ??
      el?.querySelector<HTMLElement>('button');
    first?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && p.onClose()}>
      <div
        ref={ref}
        className={p.wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={p.testId}
      >
        <header>
          <h2 id={titleId}>{p.title}</h2>
          <button type="button" className="close" aria-label={t('dialog.close')} onClick={p.onClose}>
            ×
          </button>
        </header>
        {p.children}
      </div>
    </div>
  );
}
