/** The server's basemap settings route: read the entry, save a new one (errors carry the server's reason). */
import { settingsAnswerSchema, type SettingsAnswer } from './basemapForm.ts';

export class BasemapSettingsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function answer(res: Response): Promise<SettingsAnswer> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && typeof body === 'object' && 'error' in body ? String(body.error) : res.statusText;
    throw new BasemapSettingsError(res.status, msg || `HTTP ${res.status}`);
  }
  return settingsAnswerSchema.parse(body);
}

export async function loadBasemapSettings(signal?: AbortSignal): Promise<SettingsAnswer> {
  return answer(await fetch('/api/v1/basemap/settings', { signal }));
}

export async function saveBasemapSettings(basemap: Record<string, unknown>): Promise<SettingsAnswer> {
  return answer(
    await fetch('/api/v1/basemap/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ basemap }),
    }),
  );
}
