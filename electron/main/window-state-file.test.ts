import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readWindowState, writeWindowState } from './window-state-file.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lagebild-winstate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('window state file', () => {
  it('round-trips a state and leaves no temporary file behind', () => {
    const dir = tempDir();
    const file = join(dir, 'nested', 'window-state.json');
    const state = { bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: true, fullScreen: false };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
  });

  it('reads a missing file as undefined, silently', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readWindowState(join(tempDir(), 'none.json'))).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads a corrupt file as undefined and says so', () => {
    const file = join(tempDir(), 'window-state.json');
    writeFileSync(file, '{"bounds": {');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readWindowState(file)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('ignoring unreadable window state'));
  });
});
