/**
 * The `posekit` command line: `posekit <command> [args]`. Commands are a plain table ({@link commands});
 * each takes its arguments and an {@link CliIo} and returns an exit code. Bad input prints one line on
 * stderr (`posekit <command>: E_CODE: message`) and exits non-zero, without a stack trace.
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isPosekitError } from '@posekit/core';
import { UsageError } from './args.js';
import { EVAL_USAGE, evalCommand } from './eval.js';
import { MODELS_USAGE, modelsCommand } from './models.js';
import { RUN_USAGE, runCommand } from './run.js';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  /** Write to standard output (text includes its own newlines). */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress lines are shown only then, unless `--progress`). */
  stderrIsTTY?: boolean;
}

/** One sub-command. */
export interface CliCommand {
  /** One line for `posekit --help`. */
  summary: string;
  /** Full usage text (printed after a usage error). */
  usage: string;
  /** Run with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number> | number;
}

/** The sub-commands by name. Add a command by adding an entry here. */
export const commands: Record<string, CliCommand> = {
  run: { summary: 'estimate poses on images or folders; write COCO keypoint results and SVG overlays', usage: RUN_USAGE, run: runCommand },
  models: { summary: 'list the model registry and the cache; download models (resumable, sha256-verified)', usage: MODELS_USAGE, run: modelsCommand },
  eval: { summary: 'COCO keypoint AP/AR of a results file against a ground truth (pycocotools-exact)', usage: EVAL_USAGE, run: evalCommand },
};

/** The process's streams. */
export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

function usage(): string {
  const names = Object.keys(commands);
  const w = Math.max(...names.map((n) => n.length));
  return `usage: posekit <command> [args]\n\ncommands:\n${names.map((n) => `  ${n.padEnd(w)}  ${commands[n]!.summary}`).join('\n')}\n\nposekit <command> --help for a command's options.\n`;
}

/**
 * Run the CLI.
 *
 * @param argv - arguments after the program name, e.g. `['eval', 'gt.json', 'dt.json']`
 * @param io - output streams (default: the process's)
 * @returns the exit code: 0 success, 1 bad input or failure, 2 usage error
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'stderr' : 'stdout'](usage());
    return name === undefined ? 2 : 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.stderr(`posekit: unknown command "${name}"; commands: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`posekit ${name}: ${e.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    if (isPosekitError(e)) {
      io.stderr(`posekit ${name}: ${e.code}: ${e.message}\n`);
      return 1;
    }
    // Anything else is a bug or an environment failure: still one line, no stack trace.
    io.stderr(`posekit ${name}: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** True when this module is the program being run (not imported). */
function isEntry(): boolean {
  const arg = process.argv[1];
  if (arg === undefined) return false;
  try {
    return realpathSync(arg) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`posekit: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
