import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/infra/db/database.js';
import { evidenceDeps } from '../../src/infra/evidence/wiring.js';
import type { Clock } from '../../src/evidence/ports.js';
import type { EvidenceDeps } from '../../src/evidence/services/deps.js';

/** A temporary folder, removed by `cleanup`. */
export function tempDir(prefix = 'salvo-evidence-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Incidents the tests attach evidence to (inserted directly: the tests do not depend on the importer). */
export async function seedIncidents(
  store: Store,
  ids: readonly string[] = ['KHK-2024-01-02', 'KYV-2024-08-18'],
): Promise<void> {
  await store.db
    .insertInto('sources')
    .values({
      id: 'src_test',
      kind: 'incidents',
      file_name: 'test.csv',
      sha256: '0'.repeat(64),
      size_bytes: 1,
      importer: 'test',
      importer_version: '0',
      imported_at: '2024-01-01T00:00:00.000Z',
      rows_read: ids.length,
      rows_imported: ids.length,
      rows_rejected: 0,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const [i, id] of ids.entries())
    await store.db
      .insertInto('incidents')
      .values({
        id,
        source_id: 'src_test',
        source_line: i + 2,
        occurred_at_utc: '2024-01-02T05:30:00.000Z',
        occurred_at_raw: '2024-01-02 07:30',
        lat: null,
        lon: null,
        location_precision_m: null,
        target_region_iso: 'UA-63',
        target_region_raw: 'Kharkiv',
        launch_region_iso: null,
        launch_region_raw: '',
        launch_lat: null,
        launch_lon: null,
        model_claimed_raw: 'KN-23',
        model_claimed_id: null,
        outcome: 'impact',
        debris_recovered: 1,
        identified_type: null,
        killed: null,
        injured: null,
        source_url: '',
        notes: '',
        content_sha256: String(i).repeat(64).slice(0, 64),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** A clock that advances 1 ms per reading from a fixed start (deterministic, strictly increasing). */
export function steppingClock(start = Date.parse('2024-03-01T10:00:00.000Z')): Clock {
  let t = start;
  return { nowIso: () => new Date(t++).toISOString() };
}

export interface Locker {
  readonly dir: string;
  readonly dbPath: string;
  readonly store: Store;
  readonly deps: EvidenceDeps;
  close(): Promise<void>;
}

/** A fresh SQLite store with incidents, its blob and key folders in a temp folder. */
export async function openLocker(clock?: Clock): Promise<Locker> {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'salvo.db');
  const store = await openStore(dbPath);
  await seedIncidents(store);
  const deps = evidenceDeps(store, {}, clock ?? steppingClock());
  return {
    dir,
    dbPath,
    store,
    deps,
    close: async () => {
      await store.close();
      cleanup();
    },
  };
}

export function writeFile(dir: string, name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
