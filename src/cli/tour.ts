import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Io } from './context.js';
import { EXIT } from './exit-codes.js';

/** One command of a guided tour (the demo, a case study): what it shows, why, and the exact arguments. */
export interface TourStep {
  readonly title: string;
  readonly why: string;
  readonly args: readonly string[];
  /** A step that is expected to fail (to show what the data cannot tell): its expected exit code. */
  readonly expectExit?: number;
}

export interface TourFolder {
  /** Absolute path of the fresh folder. */
  readonly dir: string;
  /** The same, relative to the working directory (for the printed commands). */
  readonly shown: string;
}

const MARKER = '.salvo-tour';

/**
 * A fresh folder for a tour. An existing folder is only ever removed when it carries the tour marker, so
 * `--dir` cannot wipe user data.
 */
export function freshTourFolder(folder: string, what: string): TourFolder | string {
  const dir = resolve(folder);
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER) && !entries.includes('.salvo-demo'))
      return `${dir} exists and is not a Salvo ${what} folder; choose another with --dir`;
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), `Created by \`salvo ${what}\`; safe to delete.\n`);
  return { dir, shown: relative(process.cwd(), dir) || dir };
}

/** Runs the steps in-process, printing each command before its output; stops at the first unexpected exit. */
export async function runTour(
  io: Io,
  json: boolean,
  steps: readonly TourStep[],
  header: { name: string; intro: string; store: string; next: readonly string[] },
): Promise<number> {
  const { main } = await import('./main.js');
  const results: { title: string; command: string; exitCode: number }[] = [];
  if (!json) io.out(`${header.intro}\n`);
  for (const [i, step] of steps.entries()) {
    const command = `salvo ${step.args.map((a) => (/[\s'"]/.test(a) ? `'${a}'` : a)).join(' ')}`;
    if (!json) {
      io.out(`── ${i + 1}. ${step.title}`);
      io.out(`   ${step.why}`);
      io.out(`   $ ${command}\n`);
    }
    const sink: Io = json ? { out: () => undefined, err: () => undefined, interactive: false } : io;
    const code = await main(step.args, sink);
    results.push({ title: step.title, command, exitCode: code });
    if (!json) io.out('');
    if (code !== (step.expectExit ?? EXIT.OK)) {
      io.err(`salvo ${header.name}: step ${i + 1} ended with exit code ${code}`);
      if (json) io.out(JSON.stringify({ ok: false, store: header.store, steps: results }, null, 2));
      return code === EXIT.OK ? EXIT.BUG : code;
    }
  }
  if (json) io.out(JSON.stringify({ ok: true, store: header.store, steps: results }, null, 2));
  else {
    io.out('What to try next:');
    for (const n of header.next) io.out(`  ${n}`);
  }
  return EXIT.OK;
}
