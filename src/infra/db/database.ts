import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { SalvoFailure, salvoError } from '../../kernel/index.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';
import { seedReferenceData } from './seed.js';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Where the store lives: a file path for SQLite, the URL without its password for PostgreSQL. */
  readonly location: string;
  /** The raw SQLite handle for hand-written bulk paths (import); undefined on PostgreSQL. */
  readonly sqlite: SQLite.Database | undefined;
  close(): Promise<void>;
}

export const DEFAULT_DB = './salvo.db';

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** `postgres://...` or `postgresql://...` selects PostgreSQL; anything else is a SQLite file path. */
export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/**
 * Opens (creating if needed) a store and brings its schema up to date. SQLite: WAL journal, foreign keys on,
 * a 5 s busy timeout, synchronous=NORMAL (durable at every checkpoint in WAL mode; a crash may lose the last
 * transactions but never corrupts the file).
 */
export async function openStore(url: string, options: { migrate?: boolean } = {}): Promise<Store> {
  const engine = engineOf(url);
  let store: Store;
  if (engine === 'sqlite') {
    const path = resolve(url);
    mkdirSync(dirname(path), { recursive: true });
    let handle: SQLite.Database;
    try {
      handle = new SQLite(path);
      handle.pragma('journal_mode = WAL');
      handle.pragma('foreign_keys = ON');
      handle.pragma('busy_timeout = 5000');
      handle.pragma('synchronous = NORMAL');
      handle.pragma('cache_size = -65536'); // 64 MiB page cache: bulk imports insert hash-ordered keys
    } catch (e) {
      throw new SalvoFailure(
        salvoError('IO', `cannot open the SQLite store ${path}: ${(e as Error).message}`),
      );
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
    store = { db, engine, location: path, sqlite: handle, close: () => db.destroy() };
  } else {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client can be terminated by the server (restart, DROP DATABASE ... FORCE): without a listener
    // the pool re-emits that as an uncaught error and the process dies. The next query reconnects or fails
    // with its own error, which the caller sees.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = {
      db,
      engine,
      location: url.replace(/:[^:@/]*@/, ':***@'),
      sqlite: undefined,
      close: () => db.destroy(),
    };
  }
  if (options.migrate !== false) {
    try {
      await migrate(store);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

export async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new SalvoFailure(
      salvoError(
        'IO',
        `migration ${failed} failed on ${store.location}: ${(error as Error).message ?? String(error)}`,
      ),
    );
  }
  await seedReferenceData(store.db);
}
