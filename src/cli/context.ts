import { DEFAULT_DB, openStore, type Store } from '../infra/db/database.js';

/** Options every command shares. */
export interface GlobalOptions {
  readonly db?: string;
  readonly json?: boolean;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly interactive: boolean;
}

// `salvo ... | head` closes stdout early: stop quietly instead of crashing with EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

export const processIo: Io = {
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  interactive: Boolean(process.stderr.isTTY),
};

/** `--db`, else SALVO_DB, else ./salvo.db. */
export const dbUrlOf = (opts: GlobalOptions): string => opts.db ?? process.env.SALVO_DB ?? DEFAULT_DB;

export async function withStore<T>(opts: GlobalOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(dbUrlOf(opts));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
