import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { pino } from 'pino';
import { createLogger } from '../../api/logger.js';
import { startServer } from '../../api/server.js';
import { apiDeps } from '../../api/wiring.js';
import { accountStore } from '../../infra/auth/account-store.js';
import { randomSecret } from '../../infra/auth/secrets.js';
import { openStore } from '../../infra/db/database.js';
import { openServerStore } from '../../infra/server/server-store.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { GlobalOptions, Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { runCommand } from '../run.js';

interface ServeOptions extends GlobalOptions {
  host: string;
  port: string;
  publicReadOnly?: boolean;
  blobs?: string;
  keys?: string;
  insecureCookies?: boolean;
  maxUploadMb: string;
  web?: string | false;
}

/** Where the built web UI is: src/web/dist beside the sources (from src/ or dist/), else dist/web. */
export function defaultWebRoot(): string | undefined {
  for (const rel of ['../../web/dist/', '../../../src/web/dist/', '../../web/'])
    if (existsSync(fileURLToPath(new URL(`${rel}index.html`, import.meta.url))))
      return fileURLToPath(new URL(rel, import.meta.url));
  return undefined;
}

const DEMO_DIR = 'salvo-demo';
const quiet: Io = { out: () => undefined, err: () => undefined, interactive: false };

/** The demo store (built by `salvo demo` when absent) with one admin whose password is kept beside it. */
async function demoStore(io: Io): Promise<string> {
  const db = resolve(DEMO_DIR, 'demo.db');
  if (!existsSync(db)) {
    io.err(`salvo serve: building the demo store in ./${DEMO_DIR} (salvo demo) ...`);
    const { main } = await import('../main.js');
    const code = await main(['demo', '--dir', DEMO_DIR], quiet);
    if (code !== EXIT.OK)
      throw new SalvoFailure(salvoError('IO', `could not build the demo store (salvo demo exited ${code})`));
  }
  const store = await openStore(db);
  try {
    const accounts = accountStore(store.db);
    if ((await accounts.listUsers()).length === 0) {
      const password = randomSecret(18);
      await accounts.addUser({ name: 'demo', role: 'admin', password });
      const file = join(DEMO_DIR, 'credentials.txt');
      writeFileSync(file, `user: demo\npassword: ${password}\nrole: admin\n`, { mode: 0o600 });
      io.err(`salvo serve: demo sign-in: user 'demo', password in ./${file}`);
    }
  } finally {
    await store.close();
  }
  return db;
}

/** `salvo serve`: the HTTP API and the web UI on one store, SQLite or PostgreSQL. */
export function registerServe(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description(
      'serve the HTTP API; with no --db (nor $SALVO_DB) serves the demo store, building it if absent',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', process.env.SALVO_PORT ?? '8080')
    .option('--public-read-only', 'no sign-in: serve public items only, to anyone; refuse every write')
    .option('--blobs <dir>', 'blob folder (default <db>.blobs beside a SQLite store, or $SALVO_BLOBS)')
    .option('--keys <dir>', 'signing-key folder (default <db>.keys beside a SQLite store, or $SALVO_KEYS)')
    .option('--insecure-cookies', 'omit the Secure cookie attribute (plain HTTP off-loopback; not advised)')
    .option('--max-upload-mb <n>', 'largest evidence upload', '2048')
    .option('--web <dir>', 'the built web UI to serve at / (default: src/web/dist when built)')
    .option('--no-web', 'serve the API only')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ServeOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          const port = Number(opts.port);
          const maxMb = Number(opts.maxUploadMb);
          if (!Number.isInteger(port) || port < 0 || port > 65535)
            throw new SalvoFailure(salvoError('INVALID_INPUT', `--port '${opts.port}' is not a port number`));
          if (!Number.isFinite(maxMb) || maxMb <= 0)
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', `--max-upload-mb '${opts.maxUploadMb}' is not positive`),
            );
          const webRoot = opts.web === false ? undefined : opts.web ? resolve(opts.web) : defaultWebRoot();
          if (webRoot !== undefined && !existsSync(join(webRoot, 'index.html')))
            throw new SalvoFailure(
              salvoError('NOT_FOUND', `--web ${webRoot}: no index.html there (npm run build:web)`, [
                { field: '--web', reason: 'no built web UI' },
              ]),
            );
          const url = opts.db ?? process.env.SALVO_DB ?? (await demoStore(io));
          const { store, readDb, close } = await openServerStore(url);
          const logger = createLogger({ destination: pino.destination(2) });
          const deps = apiDeps(store, {
            readDb,
            close,
            places: {
              blobs: opts.blobs ?? process.env.SALVO_BLOBS,
              keys: opts.keys ?? process.env.SALVO_KEYS,
            },
            logger,
            options: {
              publicReadOnly: Boolean(opts.publicReadOnly),
              secureCookies: !opts.insecureCookies,
              maxUploadBytes: Math.round(maxMb * 1024 * 1024),
              webRoot,
            },
          });
          const server = await startServer(deps, { host: opts.host, port });
          logger.info({ url: server.url, store: store.location, engine: store.engine }, 'listening');
          io.out(`Salvo serving ${store.location} (${store.engine}) at ${server.url}`);
          io.out(`  API description: ${server.url}/api/openapi.json`);
          io.out(
            webRoot
              ? `  web UI: ${server.url}/ (from ${webRoot})`
              : opts.web === false
                ? '  web UI: off (--no-web), API only'
                : '  web UI: not built (npm run build:web), API only',
          );
          if (opts.publicReadOnly) io.out('  public read-only: public items only, no sign-in, no writes');
          await new Promise<void>((done) => {
            const stop = () => {
              process.off('SIGINT', stop);
              process.off('SIGTERM', stop);
              void server.close().then(done);
            };
            process.on('SIGINT', stop);
            process.on('SIGTERM', stop);
          });
          return EXIT.OK;
        }),
      );
    });
}
