/** `npm run audit:verify -- --data-dir <dir>`: checks the audit log's hash chain; exit 0 intact, 1 broken, 2 usage. */
import path from 'node:path';
import { verifyAudit } from './audit.ts';

const args = process.argv.slice(2);
const i = args.indexOf('--data-dir');
const dir = i >= 0 ? args[i + 1] : undefined;
if (!dir) {
  console.error('usage: npm run audit:verify -- --data-dir <dir>');
  process.exit(2);
}
const result = verifyAudit(path.resolve(dir));
if (result.ok) {
  console.log(`audit log intact: ${result.entries} entries, head ${result.head}`);
} else {
  console.error(`audit log NOT intact: ${result.problem} (${result.entries} entries verified before it)`);
  process.exit(1);
}
