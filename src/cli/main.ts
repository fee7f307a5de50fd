import { Command, CommanderError } from 'commander';
import { processIo, type Io } from './context.js';
import { EXIT } from './exit-codes.js';
import { registerImport } from './commands/import.js';
import { registerStats } from './commands/stats.js';
import { registerSources } from './commands/sources.js';
import { registerDemo } from './commands/demo.js';
import { registerCatalogue } from './commands/catalogue.js';
import { registerIdentify } from './commands/identify.js';
import { registerReconstruct } from './commands/reconstruct.js';
import { registerSimulate } from './commands/simulate.js';
import { registerReplay } from './commands/replay.js';
import { registerCaseStudy } from './commands/case-study.js';
import { registerKey } from './commands/key.js';
import { registerEvidence } from './commands/evidence.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { registerVerify } from './commands/verify.js';
import { registerExport } from './commands/export.js';
import { registerVerifyBundle } from './commands/verify-bundle.js';
import { registerComponents } from './commands/components.js';
import { registerTrace } from './commands/trace.js';
import { registerServe } from './commands/serve.js';
import { registerUser } from './commands/user.js';
import { registerToken } from './commands/token.js';
import { registerReport } from './commands/report.js';
import { registerBulletin } from './commands/bulletin.js';

export const VERSION = '0.1.0';

/** Builds the `salvo` program; each command sets the exit code through `setExit`. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('salvo')
    .description(
      'Salvo: document, reconstruct and attribute missile strikes (forensic analysis of past events).',
    )
    .version(VERSION)
    .option('--db <path|url>', 'store: a SQLite file (default ./salvo.db, or $SALVO_DB) or postgres://...')
    .option('--json', 'print machine-readable JSON on stdout')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run salvo --help for usage)')
    .exitOverride();
  registerImport(program, io, setExit);
  registerStats(program, io, setExit);
  registerSources(program, io, setExit);
  registerDemo(program, io, setExit);
  registerCatalogue(program, io, setExit);
  registerIdentify(program, io, setExit);
  registerReconstruct(program, io, setExit);
  registerSimulate(program, io, setExit);
  registerReplay(program, io, setExit);
  registerCaseStudy(program, io, setExit);
  registerKey(program, io, setExit);
  registerEvidence(program, io, setExit);
  registerCheckpoint(program, io, setExit);
  registerVerify(program, io, setExit);
  registerExport(program, io, setExit);
  registerVerifyBundle(program, io, setExit);
  registerComponents(program, io, setExit);
  registerTrace(program, io, setExit);
  registerServe(program, io, setExit);
  registerUser(program, io, setExit);
  registerToken(program, io, setExit);
  registerReport(program, io, setExit);
  registerBulletin(program, io, setExit);
  return program;
}

/** Entry point: returns the process exit code (see exit-codes.ts). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0)
        return EXIT.OK;
      return EXIT.USAGE;
    }
    io.err(`salvo: unexpected failure (a bug; please report it):\n${(e as Error).stack ?? String(e)}`);
    return EXIT.BUG;
  }
  return code;
}
