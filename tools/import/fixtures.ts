/**
 * For tests outside tools/import (the server's replay tests): the importer and the fixtures of the
 * import tests. The fixtures register vitest hooks: only vitest may load this file.
 */
export * from './public.ts';
export * from './testing/testSupport.ts';
export * from './testing/dispatchFixture.ts';
