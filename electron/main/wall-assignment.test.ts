import { describe, expect, it } from 'vitest';
import {
  assignWall,
  clearWall,
  matchDisplays,
  planWalls,
  rememberMatches,
  type DisplayDesc,
  setWorkstation,
  workstationMove,
  type WallSettings,
} from './wall-assignment.ts';

const rect = (x: number, y = 0, width = 1920, height = 1080) => ({ x, y, width, height });
const display = (id: number, label: string, x: number, primary = false): DisplayDesc => ({
  id,
  label,
  bounds: rect(x),
  workArea: { ...rect(x), height: 1040 },
  primary,
});

const desk = display(1, 'Built-in', 0, true);
const wallA = display(2, 'DELL U2720Q', 1920);
const wallB = display(3, 'LG 55UH5', 3840);
const three = [desk, wallA, wallB];
const entry = (d: DisplayDesc, layout: string) => ({
  displayId: d.id,
  label: d.label,
  bounds: d.bounds,
  layout,
});
const settings = (walls: WallSettings['walls'], workstation: WallSettings['workstation'] = null) => ({
  walls,
  workstation,
});

describe('planWalls', () => {
  it('opens nothing and keeps the workstation on the primary display without settings', () => {
    expect(planWalls(three, settings([]))).toEqual({ walls: [], workstationDisplayId: 1, missing: [] });
  });

  it('puts each saved layout on its display', () => {
    const plan = planWalls(three, settings([entry(wallA, 'overview'), entry(wallB, 'heatmap')]));
    expect(plan.walls).toEqual([
      { displayId: 2, layout: 'overview', bounds: wallA.bounds },
      { displayId: 3, layout: 'heatmap', bounds: wallB.bounds },
    ]);
    expect(plan.workstationDisplayId).toBe(1);
    expect(plan.missing).toEqual([]);
  });

  it('keeps the entry of an unplugged display as missing and opens no window for it', () => {
    const plan = planWalls([desk, wallA], settings([entry(wallA, 'overview'), entry(wallB, 'heatmap')]));
    expect(plan.walls.map((w) => w.displayId)).toEqual([2]);
    expect(plan.missing).toEqual([entry(wallB, 'heatmap')]);
  });

  it('finds a re-plugged display under a new id by label and bounds', () => {
    const replugged = { ...wallB, id: 17 };
    const plan = planWalls([desk, wallA, replugged], settings([entry(wallB, 'heatmap')]));
    expect(plan.walls).toEqual([{ displayId: 17, layout: 'heatmap', bounds: wallB.bounds }]);
  });

  it('falls back to bounds when the label changed, and to a unique label when bounds changed', () => {
    const renamed = { ...wallB, id: 9, label: '' };
    expect(planWalls([desk, renamed], settings([entry(wallB, 'heatmap')])).walls[0]?.displayId).toBe(9);
    const moved = { ...wallB, id: 10, bounds: rect(0, 1080) };
    expect(planWalls([desk, moved], settings([entry(wallB, 'heatmap')])).walls[0]).toEqual({
      displayId: 10,
      layout: 'heatmap',
      bounds: rect(0, 1080),
    });
  });

  it('does not guess between two identical monitors when ids and bounds changed', () => {
    const twinA = { ...wallA, id: 20, label: 'DELL', bounds: rect(0, 1080) };
    const twinB = { ...wallA, id: 21, label: 'DELL', bounds: rect(1920, 1080) };
    const saved = { ...entry(wallA, 'overview'), label: 'DELL' };
    const plan = planWalls([desk, twinA, twinB], settings([saved]));
    expect(plan.walls).toEqual([]);
    expect(plan.missing).toHaveLength(1);
  });

  it('never lets a weak fallback take the display another entry matches exactly', () => {
    // Entry 1 lost its display; its bounds now belong to a display entry 2 knows by id and label.
    const lost = { displayId: 5, label: 'old', bounds: wallA.bounds, layout: 'kpi' };
    const plan = planWalls(three, settings([lost, entry(wallA, 'overview')]));
    expect(plan.walls).toEqual([{ displayId: 2, layout: 'overview', bounds: wallA.bounds }]);
    expect(plan.missing).toEqual([lost]);
  });

  it('moves the workstation off a display that shows a wall, primary first', () => {
    expect(planWalls(three, settings([entry(desk, 'overview')])).workstationDisplayId).toBe(2);
    const workstation = { displayId: 3, label: wallB.label, bounds: wallB.bounds };
    expect(planWalls(three, settings([], workstation)).workstationDisplayId).toBe(3);
    expect(planWalls(three, settings([entry(wallB, 'x')], workstation)).workstationDisplayId).toBe(1);
  });

  it('leaves the workstation with the wall on a machine with one display', () => {
    const plan = planWalls([desk], settings([entry(desk, 'overview')]));
    expect(plan.walls).toHaveLength(1);
    expect(plan.workstationDisplayId).toBe(1);
  });

  it('uses the primary display when the configured workstation display is gone', () => {
    const gone = { displayId: 99, label: 'Beamer', bounds: rect(9000) };
    expect(planWalls(three, settings([], gone)).workstationDisplayId).toBe(1);
  });

  it('copes with no displays at all', () => {
    expect(planWalls([], settings([entry(wallA, 'overview')]))).toEqual({
      walls: [],
      workstationDisplayId: null,
      missing: [entry(wallA, 'overview')],
    });
  });
});

describe('matchDisplays', () => {
  it('gives each display to one reference only', () => {
    const twice = [entry(wallA, 'a'), entry(wallA, 'b')];
    expect(matchDisplays(twice, three).map((d) => d?.id ?? null)).toEqual([2, null]);
  });
});

describe('rememberMatches', () => {
  it('updates entries found by a fallback to the display as it is now', () => {
    const replugged = { ...wallB, id: 17 };
    const saved = settings([entry(wallB, 'heatmap')]);
    expect(rememberMatches(saved, [desk, replugged]).walls).toEqual([entry(replugged, 'heatmap')]);
  });

  it('returns the same object when everything matched exactly', () => {
    const saved = settings([entry(wallA, 'overview')], {
      displayId: 1,
      label: desk.label,
      bounds: desk.bounds,
    });
    expect(rememberMatches(saved, three)).toBe(saved);
  });
});

describe('assignWall and clearWall', () => {
  it('assigns, replaces and clears a display layout', () => {
    const one = assignWall(settings([]), three, 2, 'overview');
    expect(one.walls).toEqual([entry(wallA, 'overview')]);
    const replaced = assignWall(one, three, 2, 'heatmap');
    expect(replaced.walls).toEqual([entry(wallA, 'heatmap')]);
    expect(clearWall(replaced, 2).walls).toEqual([]);
  });

  it('keeps a cycle with the entry and hands it to the placement', () => {
    const cycling = assignWall(settings([]), three, 2, 'lage', 120);
    expect(cycling.walls).toEqual([{ ...entry(wallA, 'lage'), cycle: 120 }]);
    expect(planWalls(three, cycling).walls).toEqual([
      { displayId: 2, layout: 'lage', bounds: wallA.bounds, cycle: 120 },
    ]);
    expect(assignWall(cycling, three, 2, 'lage', null).walls).toEqual([entry(wallA, 'lage')]);
  });

  it('refuses unknown displays with a clear error', () => {
    expect(() => assignWall(settings([]), three, 42, 'overview')).toThrow('no display with id 42');
    expect(() => clearWall(settings([]), 2)).toThrow('display 2 has no wall');
  });

  it('clears the entry of a display that is not connected', () => {
    expect(clearWall(settings([entry(wallB, 'heatmap')]), 3).walls).toEqual([]);
  });
});

describe('workstationMove', () => {
  const workstation = { displayId: 3, label: wallB.label, bounds: wallB.bounds };

  it('leaves the window where the operator put it unless a wall takes its display', () => {
    const none = settings([]);
    expect(workstationMove(2, planWalls(three, none), none)).toBeNull();
    const wallOnDesk = settings([entry(desk, 'overview')]);
    expect(workstationMove(1, planWalls(three, wallOnDesk), wallOnDesk)).toBe(2);
  });

  it('moves the window to a configured workstation display, and from a display that is gone', () => {
    const configured = settings([], workstation);
    expect(workstationMove(1, planWalls(three, configured), configured)).toBe(3);
    expect(workstationMove(3, planWalls(three, configured), configured)).toBeNull();
    expect(workstationMove(null, planWalls(three, settings([])), settings([]))).toBe(1);
  });
});

describe('setWorkstation', () => {
  it('remembers a connected display and goes back to the primary with null', () => {
    const set = setWorkstation(settings([]), three, 3);
    expect(set.workstation).toEqual({ displayId: 3, label: wallB.label, bounds: wallB.bounds });
    expect(planWalls(three, set).workstationDisplayId).toBe(3);
    expect(setWorkstation(set, three, null).workstation).toBeNull();
    expect(() => setWorkstation(set, three, 8)).toThrow('no display with id 8');
  });
});
