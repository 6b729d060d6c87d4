// Lint rules, including the dependency direction of docs/architecture.md as import zones.
// Every zone covers static imports, re-exports and dynamic import(); .ci/lintZones.test.ts proves
// each rule with code that must fail it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** A folder of the repository wherever it is imported from (relative path or `#folder/` alias). */
const folderGlobs = (folders) => folders.flatMap((f) => [`**/${f}/**`, `#${f}/*`]);
const folderRegex = (folders) => `(^|/|^#)(${folders.join('|')})/`;

/**
 * One forbidden thing: `globs` for static imports (gitignore style, `!` keeps an exception),
 * `names` for exact module names, `staticRegex` for static imports matched by a regular expression, `regex` (a string) for the same as a dynamic import().
 */
const ban = (message, { globs = [], names = [], regex, staticRegex }) => ({
  message,
  globs,
  names,
  regex,
  staticRegex,
});

const NODE_NAMES = builtinModules.filter((m) => !m.startsWith('_'));
const nodeBuiltins = (where) =>
  ban(`${where} runs outside Node: no Node built-ins (fs, path, node:* …).`, {
    globs: ['node:*'],
    names: NODE_NAMES,
    regex: `^(node:.*|${NODE_NAMES.map((m) => m.replace('/', '\\/')).join('|')})$`,
  });
const folders = (list, message) =>
  ban(message, { globs: folderGlobs(list), regex: folderRegex(list.map((f) => f.replace('/', '\\/'))) });
const packages = (names, message) =>
  ban(message, {
    names,
    regex: `^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`,
  });

/** esquery's regex literals end at the first `/`, escaped or not: spell it \x2F. */
const slashFree = (regex) => regex.replaceAll('\\/', '/').replaceAll('/', '\\x2F');

/** The rules for a set of bans: no-restricted-imports for static ones, no-restricted-syntax for import(). */
function zone(bans, extraSyntax = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: bans.flatMap((b) => b.names.map((name) => ({ name, message: b.message }))),
        patterns: [
          ...bans.filter((b) => b.globs.length).map((b) => ({ group: b.globs, message: b.message })),
          ...bans.filter((b) => b.staticRegex).map((b) => ({ regex: b.staticRegex, message: b.message })),
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      ...bans.map((b) => ({
        selector: `ImportExpression[source.value=/${slashFree(b.regex)}/]`,
        message: b.message,
      })),
      {
        selector: 'ImportExpression[source.type!="Literal"]',
        message: 'import() takes a literal path here, so the zone rules can check it.',
      },
      ...extraSyntax,
    ],
  };
}

const shared = [
  nodeBuiltins('shared/'),
  folders(['server', 'simulator', 'electron', 'renderer'], 'shared/ imports no other folder.'),
  packages(['electron', 'react', 'react-dom', 'maplibre-gl'], 'shared/ stays pure.'),
];
const server = [
  folders(['electron', 'renderer', 'simulator/src'], 'server/ may import shared/ only.'),
  packages(['electron', 'react'], 'server/ is plain Node.'),
];
/** Outside tools/, a tool is used through its public.ts only (tools/<tool>/public.ts). */
const toolsPublicOnly = ban('Use an offline tool through its public entry only: tools/<tool>/public.ts.', {
  staticRegex: '(^|\\/)tools\\/(?![^/]+\\/public\\.ts$)',
  regex: '(^|\\/)tools\\/(?![^/]+\\/public\\.ts$)',
});
/** The server's tests: a tool's public entry, or its fixtures entry (the tool's test fixtures). */
const toolsFixturesOnly = ban(
  "The server's tests use a tool through tools/<tool>/public.ts or tools/<tool>/fixtures.ts only.",
  {
    staticRegex: '(^|\\/)tools\\/(?![^/]+\\/(public|fixtures)\\.ts$)',
    regex: '(^|\\/)tools\\/(?![^/]+\\/(public|fixtures)\\.ts$)',
  },
);
const serverWithoutTools = ban('The server never depends on the offline tools (tools/).', {
  globs: ['**/tools/**'],
  regex: '(^|\\/)tools\\/',
});
/** tools/: shared/, Node libraries and the server's store interface (plus the CLI flag reader). */
const toolsServer = (extra, message) => {
  const allowed = ['store/public.ts', 'cliFlags.ts', ...extra]
    .map((e) => e.replaceAll('.', '\\.').replaceAll('/', '\\/'))
    .join('|');
  const regex = `(^|\\/)server\\/src\\/(?!(${allowed})$)`;
  return ban(message, { staticRegex: regex, regex });
};
const tools = [
  folders(
    ['renderer', 'electron', 'simulator'],
    "tools/ may import shared/ and the server's store interface only.",
  ),
  toolsServer(
    [],
    'tools/ use the server through its store interface only: server/src/store/public.ts (and cliFlags.ts).',
  ),
];
/** A tool's tests may also start a server and read archives the way it does (server/src/public.ts). */
const toolTests = [
  folders(
    ['renderer', 'electron', 'simulator'],
    "tools/ may import shared/ and the server's store interface only.",
  ),
  toolsServer(
    ['public.ts'],
    'Tool tests use server/src/public.ts besides the store interface, nothing else of the server.',
  ),
];
const simulator = [
  folders(['server', 'electron', 'renderer'], 'The simulator talks to the server over the network only.'),
];
const electronMain = [
  folders(['renderer', 'server', 'simulator'], 'main starts the built server by path; it never imports it.'),
];
const preload = [
  folders(['renderer', 'server', 'simulator', 'electron/main'], 'preload: electron and shared types only.'),
  nodeBuiltins('The sandboxed preload'),
];
const renderer = [
  nodeBuiltins('The renderer'),
  folders(['server', 'simulator', 'electron'], 'The renderer runs in a browser: shared/ only.'),
  packages(['electron'], 'Only src/platform talks to Electron, through the preload bridge.'),
];
const socketOutsideConnection = packages(
  ['socket.io-client'],
  'Only src/connection (and the replay source) talks to the server socket.',
);
const bridgeOutsidePlatform = [
  {
    selector: 'ImportSpecifier[imported.name="BRIDGE_GLOBAL"]',
    message: 'Only src/platform touches the Electron bridge (window.lagebild).',
  },
  {
    selector: 'MemberExpression[object.name="window"][property.name="lagebild"]',
    message: 'Only src/platform touches the Electron bridge (window.lagebild).',
  },
];
const panelsApart = ban(
  'Panels never import each other: share through stores, components or the catalogue.',
  {
    // A sibling folder of panels/<name>/ is another panel ('../../stores/…' is not).
    staticRegex: '^\\.\\./[^./][^/]*/',
    regex: '^\\.\\./[^./][^/]*/',
  },
);
/** A renderer test that starts the real server (`*.server.test.ts`, Node): its public entry only. */
const rendererServerTests = [
  nodeBuiltins('The renderer'),
  folders(['simulator', 'electron'], 'The renderer runs in a browser: shared/ only.'),
  ban('A renderer test starts the server through server/src/public.ts only.', {
    staticRegex: '(^|\\/)server\\/(?!src\\/public\\.ts$)',
    regex: '(^|\\/)server\\/(?!src\\/public\\.ts$)',
  }),
  packages(['electron'], 'Only src/platform talks to Electron, through the preload bridge.'),
  socketOutsideConnection,
];
/** e2e/ and bench/ see the product through its public entry points (and shared/), never internals. */
const publicOnly = (who) =>
  ban(`${who} use public entry points only: server/src/public.ts, renderer/src/public.ts, shared/.`, {
    globs: [
      '**/server/src/**',
      '!**/server/src/public.ts',
      '**/renderer/src/**',
      '!**/renderer/src/public.ts',
      '**/simulator/src/**',
      '**/electron/main/**',
      '!**/electron/main/csp.ts',
      '**/electron/preload/**',
    ],
    regex:
      '(^|\\/)(server\\/src\\/(?!public\\.ts$)|renderer\\/src\\/(?!public\\.ts$)|simulator\\/src\\/|electron\\/(main|preload)\\/)',
  });

/**
 * Issue 13: maps keyed by ids from outside must not answer for Object.prototype's members
 * (`constructor`, `toString`, `__proto__` …): the unsafe patterns lint can see, in every product
 * folder (tests included). shared/src/idMap.ts has the safe forms.
 */
const keyed = [
  {
    selector: "BinaryExpression[operator='in'][left.type!='Literal']",
    message:
      '`key in map` is true for Object.prototype members (constructor, toString …): use has()/own() of shared/src/idMap.ts, Object.hasOwn or a Map.',
  },
  {
    selector: 'ForInStatement',
    message: 'for…in also walks inherited properties: iterate Object.keys/entries, or a Map.',
  },
  {
    selector:
      "VariableDeclarator[id.typeAnnotation.typeAnnotation.typeName.name='Record'][id.typeAnnotation.typeAnnotation.typeArguments.params.0.type='TSStringKeyword'][init.type='ObjectExpression'][init.properties.length=0]",
    message:
      'A Record<string, …> filled by key inherits from Object.prototype: start it with idMap() (shared/src/idMap.ts) or use a Map.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'test-results', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['shared/**/*.ts'], rules: zone(shared, keyed) },
  { files: ['server/**/*.ts'], rules: zone([...server, serverWithoutTools], keyed) },
  // The server's tests build their datasets and basemaps with the tools, through their public entries.
  {
    files: ['server/**/*.test.ts', 'server/src/testing/**/*.ts'],
    rules: zone([...server, toolsFixturesOnly], keyed),
  },
  { files: ['tools/**/*.ts'], rules: zone(tools, keyed) },
  { files: ['tools/**/*.test.ts', 'tools/*/testing/**/*.ts'], rules: zone(toolTests, keyed) },
  { files: ['simulator/**/*.ts'], rules: zone(simulator, keyed) },
  { files: ['electron/main/**/*.ts'], rules: zone(electronMain, keyed) },
  { files: ['electron/preload/**/*.ts'], rules: zone(preload, keyed) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...zone([...renderer, socketOutsideConnection], [...bridgeOutsidePlatform, ...keyed]),
    },
  },
  // The exceptions inside the renderer: each zone's own folder may do what the rest may not.
  {
    files: ['renderer/src/connection/**/*.{ts,tsx}', 'renderer/src/replay/source*.ts'],
    rules: zone(renderer, [...bridgeOutsidePlatform, ...keyed]),
  },
  {
    files: ['renderer/src/platform/**/*.{ts,tsx}'],
    rules: zone([...renderer, socketOutsideConnection], keyed),
  },
  {
    files: ['renderer/src/panels/*/**/*.{ts,tsx}'],
    rules: zone([...renderer, socketOutsideConnection, panelsApart], [...bridgeOutsidePlatform, ...keyed]),
  },
  {
    files: ['renderer/src/**/*.server.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: zone(rendererServerTests, [...bridgeOutsidePlatform, ...keyed]),
  },
  { files: ['e2e/**/*.ts'], rules: zone([publicOnly('End-to-end journeys'), toolsPublicOnly]) },
  { files: ['bench/**/*.ts'], rules: zone([publicOnly('Benchmarks'), toolsPublicOnly]) },
);
