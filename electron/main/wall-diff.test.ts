import { describe, expect, it } from 'vitest';
import { diffWalls, isEmptyDiff } from './wall-diff.ts';

const at = (displayId: number, layout: string, x = displayId * 1920, width = 1920) => ({
  displayId,
  layout,
  bounds: { x, y: 0, width, height: 1080 },
});

describe('diffWalls', () => {
  it('changes nothing when the plan matches the open windows', () => {
    const open = [at(2, 'overview'), at(3, 'heatmap')];
    const diff = diffWalls(open, [at(3, 'heatmap'), at(2, 'overview')]);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('opens walls for an added display and closes those of a removed one', () => {
    expect(diffWalls([at(2, 'overview')], [at(3, 'heatmap')])).toEqual({
      close: [2],
      open: [at(3, 'heatmap')],
      relayout: [],
      move: [],
    });
  });

  it('reloads a window whose layout changed and moves one whose display changed size', () => {
    const diff = diffWalls(
      [at(2, 'overview'), at(3, 'heatmap')],
      [at(2, 'kpi'), at(3, 'heatmap', 3840, 3840)],
    );
    expect(diff).toEqual({
      close: [],
      open: [],
      relayout: [at(2, 'kpi')],
      move: [at(3, 'heatmap', 3840, 3840)],
    });
  });

  it('reloads a window whose cycle changed (same layout)', () => {
    const diff = diffWalls([at(2, 'lage')], [{ ...at(2, 'lage'), cycle: 60 }]);
    expect(diff.relayout).toEqual([{ ...at(2, 'lage'), cycle: 60 }]);
    expect(isEmptyDiff(diffWalls([{ ...at(2, 'lage'), cycle: 60 }], [{ ...at(2, 'lage'), cycle: 60 }]))).toBe(
      true,
    );
  });

  it('closes everything for an empty plan', () => {
    expect(diffWalls([at(2, 'a'), at(3, 'b')], []).close).toEqual([2, 3]);
  });
});
