import { formatProblem, SalvoFailure, type SalvoError } from '../kernel/index.js';
import type { Io } from './context.js';
import { EXIT, exitCodeOf } from './exit-codes.js';

/** Prints an expected failure (human or --json) and returns its exit code. */
export function reportError(io: Io, error: SalvoError, json: boolean): number {
  if (json) {
    io.out(
      JSON.stringify(
        { ok: false, error: { code: error.code, message: error.message, problems: error.problems ?? [] } },
        null,
        2,
      ),
    );
  } else {
    io.err(`salvo: ${error.message}`);
    const ps = error.problems ?? [];
    for (const p of ps.slice(0, 200)) io.err(`  ${formatProblem(p)}`);
    if (ps.length > 200) io.err(`  ... and ${ps.length - 200} more (use --json for all)`);
  }
  return exitCodeOf(error.code);
}

/**
 * Runs one command body: expected failures (SalvoFailure) become a message and their exit code; anything else
 * is a bug, printed with its stack and exit code 1.
 */
export async function runCommand(io: Io, json: boolean, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof SalvoFailure) return reportError(io, e.error, json);
    io.err(
      `salvo: unexpected failure (a bug; please report it with this output):\n${(e as Error).stack ?? String(e)}`,
    );
    return EXIT.BUG;
  }
}

export const printJson = (io: Io, value: unknown): void => io.out(JSON.stringify(value, null, 2));
