/**
 * `npm run audit:verify -- --data-dir <dir> [--audit-key <file>]`: checks the audit log's hash chain,
 * its seals (with the key outside the data dir; LAGEBILD_AUDIT_KEY or ~/.config/lagebild/audit.key by
 * default) and the anchor; exit 0 intact, 1 broken, 2 usage.
 */
import path from 'node:path';
import { verifyAudit } from './audit.ts';
import { defaultAuditKeyFile } from './auditSeal.ts';

const args = process.argv.slice(2);
const value = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = value('--data-dir') ?? process.env['LAGEBILD_DATA_DIR'];
const known = new Set(['--data-dir', '--audit-key']);
const wellFormed = args.length % 2 === 0 && args.every((a, i) => i % 2 === 1 || known.has(a));
if (!dir || !wellFormed) {
  console.error('usage: npm run audit:verify -- --data-dir <dir> [--audit-key <file>]');
  process.exit(2);
}
const keyArg = value('--audit-key');
const keyFile = keyArg ? path.resolve(keyArg) : defaultAuditKeyFile();
const result = verifyAudit(path.resolve(dir), keyFile);
if (result.ok) {
  const seal = result.sealed ? `sealed with ${keyFile}` : 'NOT sealed (written before sealing)';
  const from = result.firstId > 1 ? `, entries before #${result.firstId} expired` : '';
  console.log(`audit log intact: ${result.entries} entries, head ${result.head}, ${seal}${from}`);
} else {
  console.error(`audit log NOT intact: ${result.problem} (${result.entries} entries verified before it)`);
  process.exit(1);
}
