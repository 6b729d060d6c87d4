/**
 * A windowed list with fixed row heights: only the rows in view (plus a few) are in the DOM, so
 * 5,000 units cost as much as 30. Keyboard: arrows, Page Up/Down, Home/End move the active row,
 * Enter opens it; the list is one tab stop and names its active row with aria-activedescendant.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  renderRow(index: number, active: boolean): ReactNode;
  rowKey(index: number): string;
  activeIndex: number;
  onActiveChange(index: number): void;
  onOpen?(index: number): void;
  /** Extra keys (e.g. "J" in the request queue); return true when handled. */
  onKey?(e: KeyboardEvent, index: number): boolean;
  label: string;
  testId?: string;
  /** Used by the "jump to panel" shortcuts. */
  focusId?: string;
  /** Height to assume before layout has measured the list (and in tests without layout). */
  fallbackHeight?: number;
}

const OVERSCAN = 6;

export function visibleRange(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
): [first: number, last: number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  return [first, last];
}

export function VirtualList(p: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  const id = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const viewHeight = height || (p.fallbackHeight ?? 400);
  const active = Math.min(p.activeIndex, p.count - 1);

  // Keep the active row in view when it moves by keyboard or the list shrinks under it.
  useEffect(() => {
    const el = ref.current;
    if (!el || active < 0) return;
    const top = active * p.rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + p.rowHeight > el.scrollTop + el.clientHeight && el.clientHeight > 0)
      el.scrollTop = top + p.rowHeight - el.clientHeight;
  }, [active, p.rowHeight]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (p.count === 0) return;
    const page = Math.max(1, Math.floor(viewHeight / p.rowHeight) - 1);
    const cur = Math.max(0, active);
    const to = (i: number) => {
      e.preventDefault();
      p.onActiveChange(Math.max(0, Math.min(p.count - 1, i)));
    };
    if (e.key === 'ArrowDown') to(active < 0 ? 0 : cur + 1);
    else if (e.key === 'ArrowUp') to(cur - 1);
    else if (e.key === 'PageDown') to(cur + page);
    else if (e.key === 'PageUp') to(cur - page);
    else if (e.key === 'Home') to(0);
    else if (e.key === 'End') to(p.count - 1);
    else if (e.key === 'Enter' && active >= 0 && p.onOpen) {
      e.preventDefault();
      p.onOpen(active);
    } else if (p.onKey?.(e, cur)) e.preventDefault();
  };

  const [first, last] = visibleRange(scrollTop, viewHeight, p.rowHeight, p.count);
  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    rows.push(
      <div
        key={p.rowKey(i)}
        id={`${id}-${i}`}
        role="option"
        aria-selected={i === active}
        className={i === active ? 'vrow active' : 'vrow'}
        style={{ top: i * p.rowHeight, height: p.rowHeight }}
        onClick={() => {
          p.onActiveChange(i);
          p.onOpen?.(i);
        }}
      >
        {p.renderRow(i, i === active)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={p.label}
      aria-activedescendant={active >= 0 && active <= last && active >= first ? `${id}-${active}` : undefined}
      data-testid={p.testId}
      data-focus-id={p.focusId}
      data-count={p.count}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vlist-inner" style={{ height: p.count * p.rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
