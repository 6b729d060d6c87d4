/**
 * Changing the basemap from the dashboard: `PUT /api/v1/basemap/settings` with `{ "basemap": … }`.
 * The new entry is checked like the file is at start (schema, files present, a real PMTiles
 * archive, readable styles), then written into the documented settings file without touching its
 * other keys (overlays, other sections). The file is never half written: the new document goes to
 * a temporary file in the same folder, is loaded from there as the server would load it, and only
 * then renamed over the old one. A refusal leaves the old file and the running basemap as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { basemapSchema } from '#shared/basemapSettings';
import type { Permission } from '#shared/roles';
import { BasemapConfigError, loadBasemap, type BasemapRuntime } from './settings.ts';
import type { BasemapPlaces } from './folders.ts';

/** Who may change the basemap: it changes the map of every dashboard of this server. */
export const BASEMAP_SETTINGS_PERMISSION = 'users.manage' as const satisfies Permission;

export class SettingsRefused extends Error {
  constructor(
    readonly status: 400 | 409 | 500,
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

/** The current basemap entry and where it is saved, for the settings form. */
export function settingsView(rt: BasemapRuntime) {
  return { file: rt.settingsFile ?? null, basemap: rt.config };
}

/**
 * Validates `body` (`{ basemap }`), writes it into `file` atomically and returns the runtime
 * loaded from the written document. Throws SettingsRefused with a clear message otherwise.
 */
export async function saveBasemapSettings(
  file: string,
  body: unknown,
  places: BasemapPlaces,
): Promise<BasemapRuntime> {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('basemap' in body))
    throw new SettingsRefused(400, 'expected a JSON object { "basemap": { "type": … } }');
  const extra = Object.keys(body).filter((k) => k !== 'basemap');
  if (extra.length)
    throw new SettingsRefused(400, `only "basemap" can be changed here, not: ${extra.join(', ')}`);
  const parsed = basemapSchema.safeParse((body as { basemap: unknown }).basemap);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `basemap.${i.path.join('.') || 'type'}: ${i.message}`);
    throw new SettingsRefused(400, `invalid basemap: ${issues.join('; ')}`, issues);
  }
  const doc = { ...readDocument(file), basemap: parsed.data };
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    writeDurably(tmp, `${JSON.stringify(doc, null, 2)}\n`);
    // Load it exactly as the server would at start: relative paths resolve next to the file, and
    // every file must lie in a basemap folder (folders.ts).
    const runtime = await loadBasemap(tmp, places).catch((e: unknown) => {
      if (e instanceof BasemapConfigError) {
        const detail = e.message.replace(`basemap settings ${tmp}: `, '');
        throw new SettingsRefused(400, detail, [detail]);
      }
      throw e;
    });
    fs.renameSync(tmp, file);
    return { ...runtime, settingsFile: file };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof SettingsRefused) throw e;
    throw new SettingsRefused(500, `could not write ${file}: ${(e as Error).message}`);
  }
}

/** The document as it is on disk now (other sections are kept); none yet is an empty one. */
function readDocument(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SettingsRefused(500, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SettingsRefused(
      409,
      `${file} is not valid JSON (${(e as Error).message}); fix it by hand, it was left unchanged`,
    );
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new SettingsRefused(409, `${file} does not hold a JSON object; it was left unchanged`);
  return json as Record<string, unknown>;
}

function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
