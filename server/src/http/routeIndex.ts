/**
 * The route index of docs/api.md, written from the route table so the two cannot drift apart
 * (routeIndex.test.ts fails while they differ). Rewrite it with
 * `npx tsx server/src/http/routeIndex.ts --write`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Access } from '../security/routes.ts';
import { ROUTES } from './routeTable.ts';

export const API_DOC = path.resolve(import.meta.dirname, '../../../docs/api.md');
const START = '<!-- route index: written by server/src/http/routeIndex.ts from the route table -->';
const END = '<!-- end of route index -->';

const accessText = (a: Access): string =>
  a === 'public'
    ? 'anyone'
    : a === 'signedIn'
      ? 'signed in'
      : typeof a === 'string'
        ? `\`${a}\``
        : a.map((p) => `\`${p}\``).join(' or ');

/** The section between the markers, as the table says it should be. */
export function routeIndex(): string {
  const rows = ROUTES.map(
    (r) =>
      `| \`${r.id}\` | ${r.methods.join(', ')} | \`${r.path}\` | ${accessText(r.access)} | ${r.summary} |`,
  );
  return [
    START,
    '| id | methods | path | who may call it | what |',
    '|---|---|---|---|---|',
    ...rows,
    END,
  ].join('\n');
}

/** docs/api.md's current section, or undefined when its markers are missing. */
export function documentedIndex(text: string): string | undefined {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  return a < 0 || b < a ? undefined : text.slice(a, b + END.length);
}

function write(): void {
  const text = fs.readFileSync(API_DOC, 'utf8');
  const old = documentedIndex(text);
  if (old === undefined) throw new Error(`${API_DOC} has no route index markers (${START})`);
  fs.writeFileSync(API_DOC, text.replace(old, routeIndex()));
  console.log(`wrote the route index of ${API_DOC} (${ROUTES.length} routes)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--write') write();
  else console.log(routeIndex());
}
