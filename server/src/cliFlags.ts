/**
 * One way to read the command-line flags of every CLI (serve's config.ts reads the environment after
 * it): node:util parseArgs, strict, with its errors worded alike everywhere —
 * `unknown option "--x"`, `--x needs a value`, `--x takes no value`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags of argv by `options`; positionals only when allowed. Throws UsageError. */
export function readFlags<const O extends Options, const P extends boolean = false>(
  argv: readonly string[],
  options: O,
  allowPositionals?: P,
) {
  try {
    return parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: (allowPositionals ?? false) as P,
    });
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
}

function usageMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const text = err.message ?? String(e);
  const flag = /'(-{1,2}[^' ]+)/.exec(text)?.[1] ?? '?';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${flag}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return text.includes('does not take an argument') ? `${flag} takes no value` : `${flag} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${/'([^']*)'/.exec(text)?.[1] ?? '?'}"`;
    default:
      return text;
  }
}
