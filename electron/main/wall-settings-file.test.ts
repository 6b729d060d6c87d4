import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseWallSettings, readWallSettings, writeWallSettings } from './wall-settings-file.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lagebild-walls-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const bounds = { x: 1920, y: 0, width: 1920, height: 1080 };
const settings = {
  walls: [{ displayId: 2, label: 'DELL U2720Q', bounds, layout: 'overview' }],
  workstation: null,
};

describe('wall settings file', () => {
  it('round-trips the assignment and leaves no temporary file', () => {
    const dir = tempDir();
    const file = join(dir, 'walls.json');
    writeWallSettings(file, settings);
    expect(readWallSettings(file)).toEqual(settings);
    expect(readdirSync(dir)).toEqual(['walls.json']);
  });

  it('round-trips a cycling wall and refuses a cycle the wall would not accept', () => {
    const file = join(tempDir(), 'walls.json');
    const cycling = { ...settings, walls: [{ ...settings.walls[0]!, cycle: 300 }] };
    writeWallSettings(file, cycling);
    expect(readWallSettings(file)).toEqual(cycling);
    const bad = parseWallSettings(
      JSON.stringify({ version: 1, walls: [{ ...settings.walls[0]!, cycle: 5 }] }),
    );
    expect(bad.problem).toMatch(/walls\.0\.cycle/);
  });

  it('reads a missing file as no walls, silently', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readWallSettings(join(tempDir(), 'walls.json'))).toEqual({ walls: [], workstation: null });
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads a damaged file as no walls and says what is wrong', () => {
    const file = join(tempDir(), 'walls.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, walls: [{ ...settings.walls[0], layout: 'Über Sicht' }] }),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readWallSettings(file)).toEqual({ walls: [], workstation: null });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/ignoring damaged .*walls\.json: walls\.0\.layout/),
    );
  });

  it.each([
    ['{"walls": [', /not JSON/],
    ['[]', /\(file\)/],
    ['{"version": 2, "walls": []}', /version/],
    ['{"version": 1, "walls": [{"displayId": -1, "label": "", "bounds": {}, "layout": "a"}]}', /displayId/],
  ])('names the problem in %s', (text, problem) => {
    expect(parseWallSettings(text).problem).toMatch(problem);
  });

  it('defaults a missing workstation entry to the primary display (null)', () => {
    expect(parseWallSettings('{"version": 1, "walls": []}')).toEqual({
      settings: { walls: [], workstation: null },
      problem: null,
    });
  });
});
