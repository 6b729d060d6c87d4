/**
 * Issue 13: lint forbids the keyed-collection patterns that answer for Object.prototype's members
 * (eslint.config.js, PROTOTYPE_SAFE_KEYS), in product code of every folder, and lets the safe
 * forms through. Runs the repository's own ESLint config on code that must fail it.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
}

const UNSAFE = [
  'export const f = (m: Record<string, number>, k: string): boolean => k in m;',
  'export function f(m: Record<string, number>): number { let n = 0; for (const k in m) n += k.length; return n; }',
  'export function f(k: string): Record<string, number> { const o: Record<string, number> = {}; o[k] = 1; return o; }',
];
const SAFE = [
  "export const f = (m: object): boolean => 'callsign' in m;",
  'export const f = (m: Record<string, number>, k: string): boolean => Object.hasOwn(m, k);',
  'export function f(m: Record<string, number>): number { let n = 0; for (const k of Object.keys(m)) n += k.length; return n; }',
  "export function f(): Record<'a', number> { const o: Record<'a', number> = { a: 1 }; return o; }",
];

describe('lint: prototype-safe keyed collections', () => {
  it.each(['shared/src', 'server/src', 'renderer/src', 'simulator/src', 'electron/main'])(
    'refuses the unsafe patterns in %s and passes the safe ones',
    async (folder) => {
      for (const code of UNSAFE) expect(await restricted(code, `${folder}/probe.ts`), code).toBe(1);
      for (const code of SAFE) expect(await restricted(code, `${folder}/probe.ts`), code).toBe(0);
    },
    60_000,
  );
});
