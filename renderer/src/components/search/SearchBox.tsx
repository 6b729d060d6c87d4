/**
 * Find a unit by callsign or an incident by number or street; the hits drop down under the box.
 * Arrows move, Enter selects the hit and shows it on the map, Escape clears. "/" or Ctrl+K focuses.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { SEARCH_INPUT_ID } from '../useShortcuts.ts';
import { StatusChip } from '../StatusChip.tsx';
import { search, type SearchHit } from './searchModel.ts';

export function SearchBox() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const units = usePanelPicture((s) => s.picture.units);
  const incidents = usePanelPicture((s) => s.picture.incidents);
  // An empty box searches nothing: no walk over 10,000 units at every panel refresh.
  const hits = useMemo(
    () => (query.trim() === '' ? [] : search(Object.values(units), Object.values(incidents), query)),
    [units, incidents, query],
  );
  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    selectionStore.getState().reveal({ kind: hit.kind, id: hit.id });
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(hits.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') choose(hits[Math.min(active, hits.length - 1)]);
    else if (e.key === 'Escape') {
      setQuery('');
      e.currentTarget.blur();
      // Escape here only leaves the search; it must not also clear the selection.
      e.stopPropagation();
    } else return;
    e.preventDefault();
  };
  const showList = open && query.trim() !== '';
  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        data-testid="search"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        aria-expanded={showList}
        aria-controls="search-hits"
        role="combobox"
        aria-activedescendant={showList && hits.length ? `search-hit-${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKey}
      />
      {showList && (
        <ul id="search-hits" className="search-hits" role="listbox" data-testid="search-hits">
          {hits.length === 0 && <li className="empty">{t('search.none')}</li>}
          {hits.map((h, k) => (
            <li
              key={`${h.kind}:${h.id}`}
              id={`search-hit-${k}`}
              role="option"
              aria-selected={k === active}
              className={k === active ? 'active' : undefined}
              data-testid="search-hit"
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
            >
              {h.kind === 'unit' ? (
                <>
                  <StatusChip status={h.unit.status} /> <strong>{h.label}</strong>{' '}
                  <span className="muted">{h.unit.district}</span>
                </>
              ) : (
                <>
                  <strong>{h.label}</strong> {t(`callType.${h.incident.type}`)}{' '}
                  <span className="muted">{h.incident.address ?? ''}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
