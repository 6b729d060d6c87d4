/** docs/api.md lists exactly the routes of the route table (its route index is written from it). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOC, documentedIndex, routeIndex } from './routeIndex.ts';
import { ROUTES } from './routeTable.ts';

describe('the route index of docs/api.md', () => {
  const text = fs.readFileSync(API_DOC, 'utf8');

  it('is the one the route table gives (else: npx tsx server/src/http/routeIndex.ts --write)', () => {
    expect(documentedIndex(text)).toBe(routeIndex());
  });

  it('names every route of the table once, and no other', () => {
    const ids = [...(documentedIndex(text) ?? '').matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(ids).toEqual(ROUTES.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every route has a section of its own in docs/api.md that names its path', () => {
    // The fixed part of the path (before a parameter or `*`) appears in a heading.
    const headings = text.split('\n').filter((l) => l.startsWith('### '));
    const missing = ROUTES.filter((r) => {
      const fixed = r.path.replace(/\/(:[a-z]+|\*)$/, '');
      return !headings.some((h) => h.includes(fixed));
    });
    expect(missing.map((r) => `${r.id} ${r.path}`)).toEqual([]);
  });
});
