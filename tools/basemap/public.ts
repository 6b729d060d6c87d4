/**
 * What code outside tools/basemap may use: building an archive (the server's tests build their
 * fixtures with it) and the test data of the basemap tests. The builder's internals stay here.
 */
export { buildBasemap, type BuildResult } from './build.ts';
export { tileRange } from './tiler.ts';
export { parseArgs as parseBasemapArgs, type BuildOptions } from './args.ts';
export * from './testing/data.ts';
