/**
 * Command-line argument parsing for the posekit CLI: a thin layer over `node:util` `parseArgs` that turns
 * its exceptions into {@link UsageError} (exit code 2, one line, no stack trace).
 *
 * @module
 */
import { parseArgs } from 'node:util';

/** A command-line mistake (unknown flag, missing argument): printed as one line with the usage, exit code 2. */
export class UsageError extends Error {
  /**
   * @param message - what is wrong, in one line
   */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One flag: a string value (`--name value` / `--name=value`) or a boolean switch. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
}

/** Parsed arguments. */
export interface ParsedArgs {
  /** Positional arguments in order. */
  positionals: string[];
  /** Flag values by name (absent flags are undefined). */
  values: Record<string, string | boolean | undefined>;
}

/**
 * Parse `argv` (without the program and command names) against `flags`; `--help`/`-h` is always known.
 *
 * @param argv - arguments
 * @param flags - the command's flags
 * @param positionals - allowed positional count `[min, max]`
 * @returns positionals and values
 * @throws UsageError for unknown flags, missing values or a wrong number of positionals
 */
export function parseCommandArgs(argv: readonly string[], flags: Record<string, FlagSpec>, positionals: [number, number]): ParsedArgs {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: { help: { type: 'boolean', short: 'h' }, ...flags },
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
  if (parsed.values['help']) return { positionals: parsed.positionals, values: parsed.values };
  const n = parsed.positionals.length;
  if (n < positionals[0] || n > positionals[1]) {
    throw new UsageError(`expected ${positionals[0] === positionals[1] ? positionals[0] : `${positionals[0]} to ${positionals[1]}`} arguments; received ${n}`);
  }
  return { positionals: parsed.positionals, values: parsed.values };
}
