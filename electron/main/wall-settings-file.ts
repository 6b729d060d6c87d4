/**
 * The wall assignment as JSON in the user-data folder (`walls.json`). Loading validates with zod;
 * a missing file is the default (no walls), a damaged one is the default too, with one clear log
 * line saying what was wrong, so a typo never keeps the workstation from starting. Writing goes
 * through a temporary file and a rename.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { displayIdSchema, wallCycleSchema, wallLayoutSchema } from '#shared/ipc';
import type { WallSettings } from './wall-assignment.ts';

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
const displayRefSchema = z.object({ displayId: displayIdSchema, label: z.string(), bounds: rectSchema });

export const wallSettingsSchema = z.object({
  version: z.literal(1),
  walls: z.array(displayRefSchema.extend({ layout: wallLayoutSchema, cycle: wallCycleSchema.nullish() })),
  workstation: displayRefSchema.nullable().default(null),
});

export const DEFAULT_WALL_SETTINGS: WallSettings = { walls: [], workstation: null };

export interface LoadedWallSettings {
  settings: WallSettings;
  /** Set when the file existed but could not be used; the caller logs it. */
  problem: string | null;
}

export function parseWallSettings(text: string): LoadedWallSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { settings: DEFAULT_WALL_SETTINGS, problem: `not JSON (${(error as Error).message})` };
  }
  const parsed = wallSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    return { settings: DEFAULT_WALL_SETTINGS, problem: issues.join('; ') };
  }
  return { settings: { walls: parsed.data.walls, workstation: parsed.data.workstation }, problem: null };
}

export function readWallSettings(file: string): WallSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      console.warn(`Lagebild: walls: cannot read ${file} (${(error as Error).message}); no walls open`);
    }
    return DEFAULT_WALL_SETTINGS;
  }
  const loaded = parseWallSettings(text);
  if (loaded.problem) {
    console.warn(
      `Lagebild: walls: ignoring damaged ${file}: ${loaded.problem}; no walls open until reassigned`,
    );
  }
  return loaded.settings;
}

export function writeWallSettings(file: string, settings: WallSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ version: 1, ...settings }, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
