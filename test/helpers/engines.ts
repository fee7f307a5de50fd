import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Engine, type Store } from '../../src/infra/db/database.js';
import { tempDir } from './cli.js';

/**
 * Both storage engines for the shared suites (DESIGN.md: both engines against the same suite). PostgreSQL is
 * the server on loopback that .ci/run starts (SALVO_TEST_PG, default postgres://postgres@127.0.0.1:5432/postgres,
 * trust auth); each opened store gets its own uniquely named database, dropped on cleanup.
 */
export const PG_ADMIN_URL = process.env.SALVO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface EngineStore {
  readonly store: Store;
  /** The URL or path that opens this store again (for the CLI). */
  readonly url: string;
  /** A folder for evidence blobs and keys that lives as long as the store. */
  readonly dir: string;
  cleanup(): Promise<void>;
}

let reachable: Promise<string | undefined> | undefined;

/** undefined when PostgreSQL answers; otherwise why not. */
export function postgresUnavailable(): Promise<string | undefined> {
  reachable ??= (async () => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.query('select 1');
      return undefined;
    } catch (e) {
      return `PostgreSQL at ${PG_ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} is unreachable (${(e as Error).message}); the PostgreSQL half of this suite is SKIPPED`;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return reachable;
}

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated store on `engine`. */
export async function freshStore(engine: Engine, label = 'test'): Promise<EngineStore> {
  const tmp = tempDir(`salvo-${label}-`);
  if (engine === 'sqlite') {
    const url = join(tmp.dir, 'salvo.db');
    const store = await openStore(url);
    return {
      store,
      url,
      dir: tmp.dir,
      cleanup: async () => {
        await store.close();
        tmp.cleanup();
      },
    };
  }
  const name = `salvo_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return {
    store,
    url: url.toString(),
    dir: tmp.dir,
    cleanup: async () => {
      await store.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      tmp.cleanup();
    },
  };
}

/** The engines to run a shared suite on, each with the reason it is skipped (if it is). */
export async function engines(): Promise<{ engine: Engine; skip: string | undefined }[]> {
  return [
    { engine: 'sqlite', skip: undefined },
    { engine: 'postgres', skip: await postgresUnavailable() },
  ];
}
