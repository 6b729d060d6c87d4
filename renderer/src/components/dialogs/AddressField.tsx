/**
 * The new incident's address with suggestions from the region's street register while typing
 * (GET /api/v1/geocode/search). Arrow keys move through them, Enter or a click takes one (its place
 * becomes the incident's location), Escape closes the list and leaves the dialog open. Text set from
 * outside (the reverse geocoder's pre-fill) asks for nothing.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { searchAddress, type AddressSuggestion } from '../../connection/geo.ts';
import { useI18n } from '../../i18n/i18n.ts';

/** Fewer letters match half the register; the server is asked once typing pauses this long. */
const MIN_CHARS = 3;
const PAUSE_MS = 200;

export function AddressField(p: {
  value: string;
  onChange(text: string): void;
  onPick(hit: AddressSuggestion): void;
}) {
  const { t } = useI18n();
  const listId = useId();
  const [typed, setTyped] = useState<string | null>(null);
  const [hits, setHits] = useState<AddressSuggestion[]>([]);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (typed === null || typed.trim().length < MIN_CHARS) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      void searchAddress(typed.trim(), abort.signal).then((r) => {
        if (abort.signal.aborted) return;
        setHits(r);
        setActive(-1);
      });
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [typed]);

  const pick = (hit: AddressSuggestion) => {
    p.onPick(hit);
    setTyped(null);
    setHits([]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (hits.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      // Up from the first suggestion goes back to the typed text (-1).
      setActive((a) => (e.key === 'ArrowDown' ? Math.min(a + 1, hits.length - 1) : Math.max(a - 1, -1)));
    } else if (e.key === 'Enter' && active >= 0 && active < hits.length) {
      e.preventDefault();
      pick(hits[active] as AddressSuggestion);
    } else if (e.key === 'Escape') {
      // Closes the list only; the global Escape (close the dialog) skips a handled key.
      e.preventDefault();
      setTyped(null);
      setHits([]);
    }
  };

  const open = hits.length > 0;
  return (
    <div className="address-field">
      <input
        data-testid="new-incident-address"
        value={p.value}
        maxLength={200}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        onChange={(e) => {
          p.onChange(e.target.value);
          setTyped(e.target.value);
          if (e.target.value.trim().length < MIN_CHARS) setHits([]);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" className="address-suggestions" data-testid="address-suggestions">
          {hits.map((h, k) => (
            <li
              key={`${h.address}|${h.lat}|${h.lon}`}
              id={`${listId}-${k}`}
              role="option"
              aria-selected={k === active}
              data-testid="address-suggestion"
              data-exact={h.exact}
              onMouseDown={(e) => {
                e.preventDefault(); // keep the focus in the field
                pick(h);
              }}
            >
              <span>{h.address}</span>
              {h.district && <span className="muted"> · {h.district}</span>}
              {!h.exact && <span className="muted"> · {t('newIncident.streetOnly')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
