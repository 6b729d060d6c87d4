/**
 * The import zones of eslint.config.js, proven: each case is code at a (virtual) path that must fail
 * lint with the named rule, and each allowed case must pass. Linted with the repository's own config
 * through ESLint's API, so a rule that stops matching fails here.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const IMPORTS = 'no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';

// [what, file, code, rule that must report it]
const MUST_FAIL: [string, string, string, string][] = [
  [
    'renderer: dynamic import of server internals',
    'renderer/src/stores/x.ts',
    "export const m = () => import('../../../server/src/live/pending.ts');",
    SYNTAX,
  ],
  [
    'renderer: static import of server internals',
    'renderer/src/stores/x.ts',
    "import { a } from '../../../server/src/live/pending.ts';\nexport const b = a;",
    IMPORTS,
  ],
  [
    'renderer: bare Node built-in',
    'renderer/src/map/x.ts',
    "import fs from 'fs';\nexport const b = fs;",
    IMPORTS,
  ],
  [
    'renderer: node: built-in',
    'renderer/src/map/x.ts',
    "import fs from 'node:fs';\nexport const b = fs;",
    IMPORTS,
  ],
  [
    'renderer: dynamic Node built-in',
    'renderer/src/map/x.ts',
    "export const m = () => import('path');",
    SYNTAX,
  ],
  [
    'renderer: import() with a computed path',
    'renderer/src/map/x.ts',
    'export const m = (p: string) => import(p);',
    SYNTAX,
  ],
  [
    'renderer: electron package',
    'renderer/src/map/x.ts',
    "import { app } from 'electron';\nexport const b = app;",
    IMPORTS,
  ],
  [
    'renderer: socket.io-client outside connection/',
    'renderer/src/stores/x.ts',
    "import { io } from 'socket.io-client';\nexport const b = io;",
    IMPORTS,
  ],
  [
    'renderer: the bridge global outside platform/',
    'renderer/src/walls/x.ts',
    "import { BRIDGE_GLOBAL } from '#shared/ipc';\nexport const b = BRIDGE_GLOBAL;",
    SYNTAX,
  ],
  [
    'renderer: window.lagebild outside platform/',
    'renderer/src/walls/x.ts',
    'export const b = (window as unknown as { lagebild: unknown }).lagebild ?? window.lagebild;',
    SYNTAX,
  ],
  [
    'renderer: a panel importing another panel',
    'renderer/src/panels/board/x.tsx',
    "import { IncidentList } from '../incidents/IncidentList.tsx';\nexport const b = IncidentList;",
    IMPORTS,
  ],
  [
    'renderer: a panel importing another panel dynamically',
    'renderer/src/panels/board/x.tsx',
    "export const m = () => import('../incidents/IncidentList.tsx');",
    SYNTAX,
  ],
  [
    'simulator: dynamic import of the server',
    'simulator/src/x.ts',
    "export const m = () => import('../../server/src/lage.ts');",
    SYNTAX,
  ],
  [
    'simulator: static import of the server',
    'simulator/src/x.ts',
    "import { Lage } from '../../server/src/lage.ts';\nexport const b = Lage;",
    IMPORTS,
  ],
  ['preload: bare fs', 'electron/preload/x.ts', "import fs from 'fs';\nexport const b = fs;", IMPORTS],
  [
    'preload: fs/promises',
    'electron/preload/x.ts',
    "import fs from 'fs/promises';\nexport const b = fs;",
    IMPORTS,
  ],
  [
    'shared: bare Node built-in',
    'shared/src/x.ts',
    "import { createHash } from 'crypto';\nexport const b = createHash;",
    IMPORTS,
  ],
  ['shared: react', 'shared/src/x.ts', "import React from 'react';\nexport const b = React;", IMPORTS],
  [
    'server: the renderer',
    'server/src/x.ts',
    "import { a } from '../../renderer/src/stores/pictureStore.ts';\nexport const b = a;",
    IMPORTS,
  ],
  [
    'server: the renderer, dynamically',
    'server/src/x.ts',
    "export const m = () => import('../../renderer/src/stores/pictureStore.ts');",
    SYNTAX,
  ],
  [
    'electron main: server code',
    'electron/main/x.ts',
    "import { Lage } from '../../server/src/lage.ts';\nexport const b = Lage;",
    IMPORTS,
  ],
  [
    'e2e: server internals',
    'e2e/x.spec.ts',
    "import { openDb } from '../server/src/store/db.ts';\nexport const b = openDb;",
    IMPORTS,
  ],
  [
    'e2e: renderer internals, dynamically',
    'e2e/fixtures/x.ts',
    "export const m = () => import('../../renderer/src/stores/pictureStore.ts');",
    SYNTAX,
  ],
  [
    'bench: renderer internals',
    'bench/x.ts',
    "import { pictureStore } from '../renderer/src/stores/pictureStore.ts';\nexport const b = pictureStore;",
    IMPORTS,
  ],
  [
    'tools: server internals',
    'tools/import/x.ts',
    "import { Lage } from '../../server/src/lage.ts';\nexport const b = Lage;",
    IMPORTS,
  ],
  [
    'tools: the store beside its interface',
    'tools/import/x.ts',
    "import { EventLog } from '../../server/src/store/eventLog.ts';\nexport const b = EventLog;",
    IMPORTS,
  ],
  [
    'tools: the renderer',
    'tools/basemap/x.ts',
    "import { a } from '../../renderer/src/public.ts';\nexport const b = a;",
    IMPORTS,
  ],
  [
    'tools tests: server internals',
    'tools/import/x.test.ts',
    "import { a } from '../../server/src/testing/harness.ts';\nexport const b = a;",
    IMPORTS,
  ],
  [
    'server: an offline tool',
    'server/src/replay/x.ts',
    "import { importCsv } from '../../../tools/import/public.ts';\nexport const b = importCsv;",
    IMPORTS,
  ],
  [
    'server: an offline tool, dynamically',
    'server/src/x.ts',
    "export const m = () => import('../../tools/import/public.ts');",
    SYNTAX,
  ],
  [
    "server tests: a tool's internals",
    'server/src/replay/x.test.ts',
    "import { importCsv } from '../../../tools/import/importer.ts';\nexport const b = importCsv;",
    IMPORTS,
  ],
  [
    "e2e: a tool's fixtures (they need vitest)",
    'e2e/x.spec.ts',
    "import { tempDir } from '../tools/import/fixtures.ts';\nexport const b = tempDir;",
    IMPORTS,
  ],
  [
    "bench: a tool's internals",
    'bench/x.ts',
    "import { importCsv } from '../tools/import/importer.ts';\nexport const b = importCsv;",
    IMPORTS,
  ],
  [
    'renderer: a server test reaching past the server’s public entry',
    'renderer/src/connection/x.server.test.ts',
    "import { Lage } from '../../../server/src/lage.ts';\nexport const l = Lage;",
    IMPORTS,
  ],
  [
    'renderer: a server test importing server internals with import()',
    'renderer/src/connection/x.server.test.ts',
    "export const m = () => import('../../../server/src/lage.ts');",
    SYNTAX,
  ],
  [
    'renderer: an ordinary test importing the server’s public entry',
    'renderer/src/connection/x.test.ts',
    "import { startTestServer } from '../../../server/src/public.ts';\nexport const s = startTestServer;",
    IMPORTS,
  ],
];

// [what, file, code]: what the zones allow, so a rule that forbids everything fails too.
const MUST_PASS: [string, string, string][] = [
  [
    'renderer: a server test starts the server through its public entry',
    'renderer/src/connection/x.server.test.ts',
    "import { startTestServer } from '../../../server/src/public.ts';\nexport const s = startTestServer;",
  ],
  [
    'renderer: shared by alias',
    'renderer/src/stores/x.ts',
    "import { apply } from '#shared/reducer';\nexport const b = apply;",
  ],
  [
    'renderer: another renderer folder',
    'renderer/src/panels/board/x.tsx',
    "import { pictureStore } from '../../stores/pictureStore.ts';\nexport const b = pictureStore;",
  ],
  [
    'renderer: a panel file of its own panel',
    'renderer/src/panels/board/x.tsx',
    "import { UnitBoard } from './UnitBoard.tsx';\nexport const b = UnitBoard;",
  ],
  [
    'renderer: socket.io-client in connection/',
    'renderer/src/connection/x.ts',
    "import { io } from 'socket.io-client';\nexport const b = io;",
  ],
  [
    'renderer: the bridge in platform/',
    'renderer/src/platform/x.ts',
    "import { BRIDGE_GLOBAL } from '#shared/ipc';\nexport const b = BRIDGE_GLOBAL;",
  ],
  [
    'renderer: a lazy chunk of its own',
    'renderer/src/map/x.ts',
    "export const m = () => import('./other.ts');",
  ],
  ['server: Node built-ins', 'server/src/x.ts', "import fs from 'node:fs';\nexport const b = fs;"],
  [
    'e2e: the server public entry',
    'e2e/x.spec.ts',
    "import { startLageServer } from '../server/src/public.ts';\nexport const b = startLageServer;",
  ],
  [
    'bench: the renderer public entry',
    'bench/x.ts',
    "import { pictureStore } from '../renderer/src/public.ts';\nexport const b = pictureStore;",
  ],
  [
    'tools: the store interface',
    'tools/import/x.ts',
    "import { EventLog } from '../../server/src/store/public.ts';\nexport const b = EventLog;",
  ],
  [
    'tools: the CLI flag reader',
    'tools/basemap/x.ts',
    "import { readFlags } from '../../server/src/cliFlags.ts';\nexport const b = readFlags;",
  ],
  [
    'tools tests: the server public entry',
    'tools/import/x.test.ts',
    "import { startTestServer } from '../../server/src/public.ts';\nexport const b = startTestServer;",
  ],
  [
    'server tests: a tool through its public entry',
    'server/src/replay/x.test.ts',
    "import { importCsv } from '../../../tools/import/public.ts';\nexport const b = importCsv;",
  ],
  [
    "server tests: a tool's fixtures entry",
    'server/src/replay/x.test.ts',
    "import { tempDir } from '../../../tools/import/fixtures.ts';\nexport const b = tempDir;",
  ],
  [
    'bench: a tool through its public entry',
    'bench/x.ts',
    "import { importCsv } from '../tools/import/public.ts';\nexport const b = importCsv;",
  ],
  [
    'e2e: shared types',
    'e2e/x.spec.ts',
    "import type { Unit } from '../shared/src/domain.ts';\nexport type B = Unit;",
  ],
];

describe('lint zones', () => {
  it.each(MUST_FAIL)('%s fails lint', async (_what, file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });
  it.each(MUST_PASS)('%s passes', async (_what, file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
