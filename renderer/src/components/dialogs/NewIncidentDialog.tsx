/**
 * Opens an incident where the operator right-clicked the map (or at the map centre with "N"):
 * call type, priority, optional address and description. A typed address offers the region's
 * street register; taking a suggestion moves the incident to that address. The server numbers it;
 * once accepted the new incident is selected.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CALL_TYPES, PRIORITIES, type CallType, type LatLon, type Priority } from '#shared/domain';
import { uiStore, useUi } from '../../stores/uiStore.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { openIncident } from '../actions.ts';
import { Dialog } from './Dialog.tsx';
import { reverseGeocode } from '../../connection/geocode.ts';
import { useActionBlock } from '../LinkLostBanner.tsx';
import { AddressField } from './AddressField.tsx';

const close = () => uiStore.getState().openNewIncident(null);

export function NewIncidentDialog() {
  const at = useUi((s) => s.newIncidentAt);
  if (!at) return null;
  return <NewIncidentForm key={`${at.lat},${at.lon}`} at={at} />;
}

function NewIncidentForm({ at }: { at: LatLon }) {
  const i = useI18n();
  const { t } = i;
  const [type, setType] = useState<CallType>('sonstiges');
  const [priority, setPriority] = useState<Priority>(2);
  const [address, setAddress] = useState('');
  // Where the incident opens: the map point, or the place of an address taken from the suggestions.
  const [place, setPlace] = useState<LatLon & { district?: string; fromAddress: boolean }>({
    ...at,
    fromAddress: false,
  });
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const blocked = useActionBlock();

  // Pre-fill the address from the server's street data; the operator may still change it.
  useEffect(() => {
    const abort = new AbortController();
    void reverseGeocode(at, abort.signal).then((hit) => {
      if (hit) setAddress((current) => current || hit.address);
    });
    return () => abort.abort();
  }, [at]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await openIncident({
      type,
      priority,
      lat: place.lat,
      lon: place.lon,
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
    setBusy(false);
    if (!r.ok) return;
    close();
    if (r.incidentId) selectionStore.getState().select({ kind: 'incident', id: r.incidentId });
  };

  return (
    <Dialog title={t('newIncident.title')} testId="new-incident-dialog" onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="muted" data-testid="new-incident-place" data-from-address={place.fromAddress}>
          {t(place.fromAddress ? 'newIncident.atAddress' : 'newIncident.at', {
            lat: i.coord(place.lat),
            lon: i.coord(place.lon),
          })}
          {place.district ? ` · ${place.district}` : ''}
        </p>
        <label>
          {t('newIncident.type')}
          <select
            data-autofocus
            data-testid="new-incident-type"
            value={type}
            onChange={(e) => setType(CALL_TYPES.find((c) => c === e.target.value) ?? 'sonstiges')}
          >
            {CALL_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`callType.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('newIncident.priority')}
          <select
            data-testid="new-incident-priority"
            value={priority}
            onChange={(e) => setPriority(PRIORITIES.find((p) => String(p) === e.target.value) ?? 2)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('newIncident.address')}
          <AddressField
            value={address}
            onChange={setAddress}
            onPick={(hit) => {
              setAddress(hit.address);
              setPlace({
                lat: hit.lat,
                lon: hit.lon,
                fromAddress: true,
                ...(hit.district ? { district: hit.district } : {}),
              });
            }}
          />
        </label>
        <label>
          {t('newIncident.description')}
          <textarea
            value={description}
            maxLength={2000}
            rows={3}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="button" onClick={close}>
            {t('dialog.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || blocked !== null}
            title={blocked ?? undefined}
            data-testid="new-incident-submit"
          >
            {t('newIncident.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
