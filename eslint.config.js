// Lint rules, including the dependency direction of docs/architecture.md as import zones.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'This folder runs outside Node: no node:* imports.' };
const zone = (folders, message) => ({
  group: folders.flatMap((f) => [`**/${f}/**`, `#${f}/*`]),
  message,
});

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
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            zone(['server', 'simulator', 'electron', 'renderer'], 'shared/ imports no other folder.'),
            { group: ['electron', 'react', 'react-dom', 'maplibre-gl'], message: 'shared/ stays pure.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone(['electron', 'renderer', 'simulator/src'], 'server/ may import shared/ only.'),
            { group: ['electron', 'react'], message: 'server/ is plain Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone(
              ['server', 'electron', 'renderer'],
              'The simulator talks to the server over the network only.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone(
              ['renderer', 'server', 'simulator'],
              'main starts the built server by path; it never imports it.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone(
              ['renderer', 'server', 'simulator', 'electron/main'],
              'preload: electron and shared types only.',
            ),
            nodeBuiltins,
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            zone(['server', 'simulator', 'electron'], 'The renderer runs in a browser: shared/ only.'),
            {
              group: ['electron'],
              message: 'Only src/platform talks to Electron, through the preload bridge.',
            },
          ],
        },
      ],
    },
  },
);
