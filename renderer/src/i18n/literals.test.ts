/**
 * Every user-visible string goes through t(): this scans the TSX of the panels, components, charts
 * and the app shell for JSX text and user-visible attributes (title, aria-label, placeholder, alt,
 * label) written as literals with letters in them. Key caps (<kbd>A</kbd>) are the only exception.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The sources as text through Vite (the renderer has no file system access, not even in tests).
const SOURCES = import.meta.glob<string>(
  [
    '../App.tsx',
    '../{panels,components,charts,map,wall,walls,heatmap,basemap}/**/*.tsx',
    '!../**/*.test.tsx',
  ],
  { query: '?raw', import: 'default', eager: true },
);
const VISIBLE_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'placeholder',
  'alt',
  'label',
  'aria-description',
]);
const LETTER = /\p{L}/u;

/** "file:line text" for every literal a user would read. */
export function untranslated(file: string, text: string): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (n: ts.Node) => `${file}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n)) {
      const s = n.getText().trim();
      const parent = n.parent;
      const inKbd = ts.isJsxElement(parent) && parent.openingElement.tagName.getText() === 'kbd';
      if (s && LETTER.test(s) && !inKbd) found.push(`${where(n)} ${s}`);
    } else if (ts.isJsxAttribute(n) && VISIBLE_ATTRIBUTES.has(n.name.getText())) {
      const init = n.initializer;
      const literal =
        init && ts.isStringLiteral(init)
          ? init.text
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
            ? init.expression.text
            : undefined;
      if (literal !== undefined && LETTER.test(literal))
        found.push(`${where(n)} ${n.name.getText()}="${literal}"`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

describe('user-visible strings', () => {
  it('the scan finds literals (it can fail)', () => {
    const sample = `export const X = () => <div title="Hallo"><p>Offene Einsätze</p><kbd>A</kbd>{t('ok')} ×</div>;`;
    expect(untranslated('x.tsx', sample)).toEqual(['x.tsx:1 title="Hallo"', 'x.tsx:1 Offene Einsätze']);
  });

  it('no panel, component, chart or app TSX shows a literal instead of t()', () => {
    const files = Object.keys(SOURCES);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => untranslated(f, SOURCES[f] ?? ''));
    expect(found).toEqual([]);
  });
});
