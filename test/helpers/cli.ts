import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/context.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  json<T = unknown>(): T;
}

/** Runs the salvo CLI in-process and captures its output. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => void (out += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => void (err += t.endsWith('\n') ? t : t + '\n'),
    interactive: false,
  };
  const code = await main(args, io);
  return { code, out, err, json: <T>() => JSON.parse(out) as T };
}

/** A fresh temporary folder, removed by the returned cleanup function. */
export function tempDir(prefix = 'salvo-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
