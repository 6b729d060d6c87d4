/**
 * The folder-level import graph of a source tree, and its cycles (issue 14, part 3). A folder is the
 * first path segment under the root ('.' for files directly in it); an edge a → b means some file of
 * a imports a file of b: static imports, re-exports, `import type`, `import()` and side-effect
 * imports (CSS), relative or through an alias (package.json `imports`, tsconfig `paths`). Test files
 * are left out: nothing imports a test, so a test's imports cannot tie two folders together.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** `#shared/*` → `/abs/shared/src/*.ts`: a prefix (up to the `*`) and where it points. */
export type Alias = { from: string; to: string };

export interface FolderGraph {
  /** folder → folder → the first import that makes the edge (`file → specifier`). */
  edges: Map<string, Map<string, string>>;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const TEST = /\.test\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return SOURCE.test(e.name) && !TEST.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The aliases a repository declares: package.json `imports` and tsconfig `compilerOptions.paths`. */
export function loadAliases(packageJson: string, tsconfig?: string): Alias[] {
  const out: Alias[] = [];
  const pkgDir = path.dirname(packageJson);
  const pkg = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { imports?: Record<string, unknown> };
  for (const [from, to] of Object.entries(pkg.imports ?? {}))
    if (typeof to === 'string') out.push({ from, to: path.resolve(pkgDir, to) });
  if (tsconfig) {
    const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile) as {
      config?: { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
    };
    const base = path.resolve(path.dirname(tsconfig), config?.compilerOptions?.baseUrl ?? '.');
    for (const [from, targets] of Object.entries(config?.compilerOptions?.paths ?? {}))
      if (targets[0]) out.push({ from, to: path.resolve(base, targets[0]) });
  }
  return out;
}

/** The file a specifier names, or null for a package (not part of the tree). */
function resolve(spec: string, fromFile: string, aliases: readonly Alias[]): string | null {
  if (spec.startsWith('.')) return path.resolve(path.dirname(fromFile), spec);
  for (const a of aliases) {
    const star = a.from.indexOf('*');
    if (star < 0 ? spec === a.from : spec.startsWith(a.from.slice(0, star)))
      return star < 0 ? a.to : a.to.replace('*', spec.slice(star));
  }
  return null;
}

export function folderGraph(root: string, aliases: readonly Alias[] = []): FolderGraph {
  const edges = new Map<string, Map<string, string>>();
  const folderOf = (file: string): string | null => {
    const rel = path.relative(root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    const parts = rel.split(path.sep);
    return parts.length > 1 ? parts[0]! : '.';
  };
  for (const file of sourceFiles(root)) {
    const from = folderOf(file)!;
    // preProcessFile reads imports, re-exports and import() without type-checking the program.
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const target = resolve(fileName, file, aliases);
      const to = target && folderOf(target);
      if (!to || to === from) continue;
      const out = edges.get(from) ?? new Map<string, string>();
      edges.set(from, out);
      if (!out.has(to)) out.set(to, `${path.relative(root, file)} → ${fileName}`);
    }
  }
  return { edges };
}

/** Every set of folders that import each other in a circle (strongly connected, more than one). */
export function folderCycles(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) found.push(scc.sort());
  };
  for (const v of graph.edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** A cycle as the imports that make it, for the failure message. */
export function describeCycle(graph: FolderGraph, members: readonly string[]): string {
  const lines = members.flatMap((a) =>
    members.flatMap((b) => {
      const via = graph.edges.get(a)?.get(b);
      return via ? [`  ${a} → ${b}: ${via}`] : [];
    }),
  );
  return `folders ${members.join(', ')} import each other:\n${lines.join('\n')}`;
}
