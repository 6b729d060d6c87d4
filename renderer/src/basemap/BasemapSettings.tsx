/**
 * The basemap section of the settings: choose an offline PMTiles archive on the server, a MapLibre
 * style URL, an XYZ raster template or a WMS service; saved on the server (which checks it and
 * writes its settings file), then every part of the dashboard's map switches to it. Only users
 * with the permission to manage settings may save; others see why. Nothing here contacts a
 * configured source: the map does that only after saving.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { reloadBasemap } from './basemapStore.ts';
import {
  BASEMAP_KINDS,
  EMPTY_FORM,
  entryFromForm,
  externalHost,
  formFromEntry,
  type BasemapForm,
} from './basemapForm.ts';
import { loadBasemapSettings, saveBasemapSettings } from './basemapApi.ts';

type Status =
  | { kind: 'loading' }
  | { kind: 'ready'; file: string | null }
  | { kind: 'readOnly'; detail: string }
  | { kind: 'saving'; file: string | null }
  | { kind: 'saved'; file: string | null }
  | { kind: 'refused'; file: string | null; detail: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function Field(p: {
  label: string;
  name: keyof BasemapForm;
  form: BasemapForm;
  set(f: BasemapForm): void;
  placeholder?: string;
}) {
  return (
    <label>
      {p.label}
      <input
        data-testid={`basemap-${p.name}`}
        value={p.form[p.name]}
        placeholder={p.placeholder}
        spellCheck={false}
        onChange={(e) => p.set({ ...p.form, [p.name]: e.target.value })}
      />
    </label>
  );
}

export function BasemapSettings() {
  const { t } = useI18n();
  const [form, setForm] = useState<BasemapForm>(EMPTY_FORM);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    loadBasemapSettings(abort.signal).then(
      (a) => {
        setForm(formFromEntry(a.basemap));
        setStatus({ kind: 'ready', file: a.file });
      },
      (e: unknown) => !abort.signal.aborted && setStatus({ kind: 'readOnly', detail: message(e) }),
    );
    return () => abort.abort();
  }, []);

  const file = 'file' in status ? status.file : null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus({ kind: 'saving', file });
    try {
      const a = await saveBasemapSettings(entryFromForm(form));
      setStatus({ kind: 'saved', file: a.file });
      reloadBasemap();
    } catch (err) {
      setStatus({ kind: 'refused', file, detail: message(err) });
    }
  };
  const external = externalHost(form, location.origin);
  const disabled = status.kind === 'loading' || status.kind === 'readOnly' || status.kind === 'saving';

  return (
    <section className="basemap-settings" data-testid="basemap-settings" data-status={status.kind}>
      <h3>{t('basemap.settings.title')}</h3>
      {status.kind === 'readOnly' ? (
        <p className="muted" role="status">
          {t('basemap.settings.readOnly', { detail: status.detail })}
        </p>
      ) : (
        <form className="form" onSubmit={(e) => void save(e)}>
          <label>
            {t('basemap.settings.type')}
            <select
              data-testid="basemap-kind"
              value={form.kind}
              disabled={disabled}
              onChange={(e) => setForm({ ...form, kind: e.target.value as BasemapForm['kind'] })}
            >
              {BASEMAP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`basemap.kind.${k}`, { name: '' })}
                </option>
              ))}
            </select>
          </label>
          {form.kind === 'pmtiles' && (
            <Field
              label={t('basemap.settings.path')}
              name="path"
              form={form}
              set={setForm}
              placeholder={t('basemap.settings.placeholder.path')}
            />
          )}
          {form.kind === 'style' && (
            <Field
              label={t('basemap.settings.url')}
              name="url"
              form={form}
              set={setForm}
              placeholder={t('basemap.settings.placeholder.url')}
            />
          )}
          {form.kind === 'raster' && (
            <Field
              label={t('basemap.settings.tiles')}
              name="tiles"
              form={form}
              set={setForm}
              placeholder={t('basemap.settings.placeholder.tiles')}
            />
          )}
          {form.kind === 'wms' && (
            <>
              <Field
                label={t('basemap.settings.wmsUrl')}
                name="url"
                form={form}
                set={setForm}
                placeholder={t('basemap.settings.placeholder.wms')}
              />
              <Field label={t('basemap.settings.wmsLayers')} name="layers" form={form} set={setForm} />
            </>
          )}
          {(form.kind === 'raster' || form.kind === 'wms') && (
            <Field label={t('basemap.settings.attribution')} name="attribution" form={form} set={setForm} />
          )}
          {external && (
            <p className="field-warning" data-testid="basemap-external">
              {t('basemap.settings.external')} ({external})
            </p>
          )}
          <button type="submit" className="primary" data-testid="basemap-save" disabled={disabled}>
            {status.kind === 'saving' ? t('basemap.settings.saving') : t('basemap.settings.save')}
          </button>
          {status.kind === 'saved' && (
            <p role="status" data-testid="basemap-saved">
              {t('basemap.settings.saved', { file: status.file ?? '' })}
            </p>
          )}
          {status.kind === 'refused' && (
            <p className="field-error" role="alert" data-testid="basemap-refused">
              {t('basemap.settings.refused', { detail: status.detail })}
            </p>
          )}
          {file && status.kind !== 'saved' && <p className="muted">{t('basemap.settings.file', { file })}</p>}
        </form>
      )}
    </section>
  );
}
