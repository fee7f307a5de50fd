import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/kernel/index.js';
import { openStore } from '../../src/infra/db/database.js';
import { evidenceDeps } from '../../src/infra/evidence/wiring.js';
import { nodeSignatureVerifier } from '../../src/infra/evidence/node-crypto.js';
import { createKey } from '../../src/evidence/services/create-key.js';
import { verifyStore } from '../../src/evidence/services/verify-store.js';
import { seedIncidents, tempDir } from './helpers.js';

const KILLS = 100;
const CHILD = join(import.meta.dirname, 'crash-child.ts');
const NODE_MODULES = join(import.meta.dirname, '..', '..', 'node_modules');

/**
 * The child as one CommonJS file (esbuild, which vitest and tsx already bring), so that each of the hundred
 * processes starts in a fraction of a second; falls back to `node --import tsx` without it.
 */
async function childCommand(dir: string): Promise<string[]> {
  try {
    const esbuild = await import('esbuild');
    const outfile = join(dir, 'crash-child.cjs');
    await esbuild.build({
      entryPoints: [CHILD],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      external: ['better-sqlite3', 'pg'],
      logLevel: 'error',
    });
    return [outfile];
  } catch {
    return ['--import', 'tsx', CHILD];
  }
}

/** Starts the child, waits for "ready", lets it work for `ms`, then SIGKILLs it. Returns the acts it reported. */
function runAndKill(command: string[], dbPath: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, dbPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: NODE_MODULES },
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timer === undefined && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(out.split('\n').filter((l) => l.startsWith('EV-')).length);
      else reject(new Error(`child exited by itself (code ${code}): ${err}`));
    });
  });
}

describe('issue-4: crash safety', () => {
  it(`a process SIGKILLed at random points while adding evidence, ${KILLS} times, leaves no half-written item, no orphan event and a log that verifies`, async () => {
    const { dir, cleanup } = tempDir();
    try {
      const dbPath = join(dir, 'salvo.db');
      const setup = await openStore(dbPath);
      await seedIncidents(setup);
      const deps = evidenceDeps(setup, {});
      await createKey(deps, { actor: 'alice' });
      await createKey(deps, { actor: 'bob' });
      await setup.close();

      const command = await childCommand(dir);
      const rng = seededRng(4);
      const started: Promise<number>[] = [];
      let acts = 0;
      // Two children at a time (the machine has two cores), each killed after 0-80 ms of work.
      for (let i = 0; i < KILLS; i += 2) {
        started.length = 0;
        for (let k = 0; k < 2 && i + k < KILLS; k++)
          started.push(runAndKill(command, dbPath, Math.floor(rng.next() * 80)));
        for (const n of await Promise.all(started)) acts += n;
      }

      const store = await openStore(dbPath);
      try {
        const d = evidenceDeps(store, {});
        const report = await verifyStore({ ...d, verifier: nodeSignatureVerifier() });
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        const half = await store.db
          .selectFrom('evidence_items')
          .select('id')
          .where('event_count', '=', 0)
          .execute();
        expect(half).toEqual([]);
        const orphans = await store.db
          .selectFrom('evidence_events as e')
          .leftJoin('evidence_items as i', 'i.id', 'e.item_id')
          .select('e.idx')
          .where('i.id', 'is', null)
          .execute();
        expect(orphans).toEqual([]);
        expect(report.checked.items).toBeGreaterThan(0);
        console.log(
          `crash test: ${KILLS} kills, ${acts} completed acts reported, ${report.checked.items} items, ${report.checked.events} events, ${report.notes.length} notes (orphan blobs / temp files)`,
        );
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  }, 240_000);
});
