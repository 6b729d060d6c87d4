/** `npm run basemap -- --input … --output region.pmtiles`: exit 0 done, 2 bad input, 1 failure. */
import { parseArgs, USAGE } from './args.ts';
import { buildBasemap, summary } from './build.ts';
import { InputError } from './errors.ts';

function main(): number {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2), process.cwd());
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(`basemap: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (!opts) {
    console.log(USAGE);
    return 0;
  }
  const log = opts.quiet ? () => {} : (line: string) => console.log(line);
  try {
    const result = buildBasemap(opts, log);
    if (!opts.quiet) {
      const zooms = Object.entries(result.tilesByZoom)
        .map(([z, c]) => `z${z}:${c}`)
        .join(' ');
      console.log(`basemap: tiles per zoom ${zooms}; ${result.notes.join('; ') || 'OSM tags'}`);
    }
    console.log(summary(result, opts.minzoom, opts.maxzoom));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      console.error(`basemap: ${e.message}`);
      return 2;
    }
    console.error('basemap: build failed:', e);
    return 1;
  }
}

process.exitCode = main();
