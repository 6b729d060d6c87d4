/**
 * Issue 14, part 3: no two folders of renderer/src import each other, directly or around a circle.
 * The graph is built from the sources (.ci/folderGraph.ts); the fixture shows the check finds a
 * cycle made of a static import, an aliased import() and an `import type`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCycle, folderCycles, folderGraph, loadAliases } from './folderGraph.ts';

const repo = path.resolve(import.meta.dirname, '..');
const fixture = path.join(import.meta.dirname, 'fixtures/folderCycle');

describe('folder cycles', () => {
  it('renderer/src has none', () => {
    const graph = folderGraph(
      path.join(repo, 'renderer/src'),
      loadAliases(path.join(repo, 'package.json'), path.join(repo, 'renderer/tsconfig.json')),
    );
    // Sanity: the graph is real (the app's root imports its folders), so "no cycle" means something.
    expect([...(graph.edges.get('.')?.keys() ?? [])]).toEqual(expect.arrayContaining(['map', 'panels']));
    const cycles = folderCycles(graph);
    expect(cycles.map((c) => describeCycle(graph, c))).toEqual([]);
  });

  it('finds a cycle made of a static import, an aliased import() and an import type', () => {
    const graph = folderGraph(
      path.join(fixture, 'src'),
      loadAliases(path.join(fixture, 'package.json'), path.join(fixture, 'tsconfig.json')),
    );
    expect(graph.edges.get('a')?.get('b')).toBe('a/one.ts → ../b/two.ts');
    expect(graph.edges.get('b')?.get('c')).toBe('b/two.ts → #fixture/c/three.ts');
    expect(graph.edges.get('c')?.get('a')).toBe('c/three.ts → ../a/one.ts');
    expect(graph.edges.get('d')?.get('c')).toBe('d/four.ts → #lib/three');
    expect(folderCycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(describeCycle(graph, ['a', 'b', 'c'])).toContain('b → c: b/two.ts → #fixture/c/three.ts');
  });

  it('leaves test files out: a test importing another folder is no cycle', () => {
    const graph = folderGraph(path.join(fixture, 'src'));
    // Without the aliases b → c disappears, and b/two.test.ts → a must not close b ↔ a.
    expect(graph.edges.get('b')?.has('a') ?? false).toBe(false);
    expect(folderCycles(graph)).toEqual([]);
  });
});
