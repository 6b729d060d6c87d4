/** The common frame of a docked panel: a titled region whose body fills the remaining height. */
import type { ReactNode } from 'react';

export function PanelFrame(p: { title: string; testId: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" data-testid={p.testId} aria-label={p.title}>
      <header className="panel-head">
        <h2>{p.title}</h2>
        {p.extra}
      </header>
      <div className="panel-body">{p.children}</div>
    </section>
  );
}
