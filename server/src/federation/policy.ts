/**
 * The sharing side's policy: the `federation` section of the settings file (`--basemap-config` or
 * `<data-dir>/settings.json`), one entry per federation device (the peer's token). Nothing is shared
 * with a device that has no entry; personal data and handheld positions only when the entry says so.
 */
import { z } from 'zod';
import { UNIT_KINDS } from '#shared/domain';
import { SettingsSection, sectionReader } from '../ingest/settingsSection.ts';

/** Unit fields beyond id, callsign, kind, district and FMS status (always shared). */
export const UNIT_FIELDS = ['position', 'motion', 'accuracy', 'incident'] as const;
/** Incident fields beyond id, number, type, priority, state, location and district (always shared). */
export const INCIDENT_FIELDS = ['address', 'description', 'caller', 'notes'] as const;
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['description', 'caller', 'notes']);

const all = z.literal('*');

export const sharePolicySchema = z
  .strictObject({
    /** Districts whose units and incidents are shared ("*": all). */
    districts: z.union([all, z.array(z.string().trim().min(1).max(64)).min(1)]),
    /** Unit kinds shared ("*": all); incidents are shared by district only. */
    kinds: z.union([all, z.array(z.enum(UNIT_KINDS)).min(1)]),
    unitFields: z.array(z.enum(UNIT_FIELDS)).default([]),
    incidentFields: z.array(z.enum(INCIDENT_FIELDS)).default([]),
    /** Caller, notes and descriptions: only with this set (and the fields named). */
    personal: z.boolean().default(false),
    /** Positions of officers on foot and handheld radios: only with this set. */
    handhelds: z.boolean().default(false),
    /** Positions rounded to the centre of a grid cell of this many metres (undefined: exact). */
    gridMetres: z.number().int().min(1).max(100_000).optional(),
  })
  .superRefine((p, ctx) => {
    for (const f of p.incidentFields)
      if (PERSONAL_FIELDS.has(f) && !p.personal)
        ctx.addIssue({
          code: 'custom',
          path: ['incidentFields'],
          message: `"${f}" is personal data: shared only with "personal": true`,
        });
  });
export type SharePolicy = z.infer<typeof sharePolicySchema>;

export const federationSectionSchema = z.strictObject({
  /** Federation device name (`npm run users -- add-device <name> --roles federation`) → its policy. */
  share: z.record(z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'device names'), sharePolicySchema),
  /** How often what was sent to (and taken from) each peer is summarised in the audit. */
  auditEverySeconds: z.number().int().min(1).max(3600).default(60),
});
export type FederationSection = z.infer<typeof federationSectionSchema>;

export class FederationSettings extends SettingsSection<FederationSection> {
  constructor(file: string) {
    super(
      file,
      'federation',
      federationSectionSchema,
      `no sharing policy: add a "federation" section with "share" to ${file} (docs/interop.md)`,
      1_000,
    );
  }

  /** The device's policy, or why there is none (the refusal names the file). */
  policyOf(device: string): { ok: true; policy: SharePolicy } | { ok: false; error: string } {
    const read = this.tables();
    if (!read.ok) return read;
    const policy = Object.hasOwn(read.tables.share, device) ? read.tables.share[device] : undefined;
    if (!policy)
      return { ok: false, error: `no sharing policy for the federation device ${device} in ${this.file}` };
    return { ok: true, policy };
  }

  auditEveryMs(): number {
    const read = this.tables();
    return (read.ok ? read.tables.auditEverySeconds : 60) * 1000;
  }
}

const bySettingsFile = new Map<string, FederationSettings>();
/** The policy of this server's settings file (`--basemap-config` or `<data-dir>/settings.json`). */
export const federationSettingsFor = (config: { basemapConfig: string | undefined; dataDir: string }) =>
  sectionReader(bySettingsFile, config, (file) => new FederationSettings(file));
