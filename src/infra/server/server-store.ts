import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from '../db/database.js';
import type { Database } from '../db/schema.js';

/**
 * The server's two ways into one store (docs/adr/0004-server-sqlite-connection.md): `store` for writes and
 * `readDb` for reads, so that writers never queue behind hundreds of readers.
 *
 * - SQLite: the write connection of `openStore` (migrations, WAL) plus a second, read-only connection. In WAL
 *   mode readers see the last committed state and never block the writer nor wait for it. Every write (custody
 *   events, access log, sessions) stays on the one write connection.
 * - PostgreSQL: two pools, one for writes (`openStore`'s) and one for reads.
 */
export interface ServerStore {
  readonly store: Store;
  readonly readDb: Kysely<Database>;
  close(): Promise<void>;
}

export async function openServerStore(url: string): Promise<ServerStore> {
  const store = await openStore(url);
  let readDb: Kysely<Database>;
  try {
    if (store.engine === 'sqlite') {
      const handle = new SQLite(store.location, { readonly: true, fileMustExist: true });
      handle.pragma('busy_timeout = 2000');
      handle.pragma('cache_size = -65536');
      readDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
    } else {
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      pool.on('error', () => undefined); // idle clients terminated by the server: see openStore
      readDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    }
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    store,
    readDb,
    close: async () => {
      await readDb.destroy();
      await store.close();
    },
  };
}
