/**
 * Progress lines on stderr for long CLI runs: shown only when stderr is a terminal or `--progress` is
 * given, so pipes and logs stay clean.
 *
 * @module
 */
import type { CliIo } from './main.js';

/** A progress reporter: `stage()` replaces the current line, `done()` clears it. */
export interface Progress {
  /** Show `what` (and `done/total` when given). */
  stage(what: string, done?: number, total?: number): void;
  /** Clear the line (terminal) or end the output. */
  done(): void;
}

/**
 * A progress reporter for `io.stderr`.
 *
 * @param io - where to write
 * @param prefix - e.g. `posekit eval`
 * @param enabled - whether to show anything (the caller decides: TTY or `--progress`, and a large input)
 */
export function createProgress(io: CliIo, prefix: string, enabled: boolean): Progress {
  if (!enabled) return { stage: () => undefined, done: () => undefined };
  const tty = io.stderrIsTTY === true;
  let last = '';
  return {
    stage(what: string, done?: number, total?: number): void {
      const line = `${prefix}: ${what}${done !== undefined && total !== undefined ? ` ${done}/${total}` : ''}`;
      if (line === last) return;
      last = line;
      // On a terminal, rewrite one line; elsewhere (--progress into a file) one line per stage.
      io.stderr(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    done(): void {
      if (tty && last !== '') io.stderr('\r\x1b[2K');
      last = '';
    },
  };
}
