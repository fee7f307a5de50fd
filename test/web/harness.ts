import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/context.js';

/**
 * The web UI's end-to-end stack: a demo store built in a temp folder (plus users and evidence items of each
 * sensitivity), the UI built into the temp folder, and `salvo serve --web` on a free port serving both.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS = join(ROOT, 'test-results', 'web');
export const PASSWORD = 'correct horse battery staple';

export interface Fixture {
  readonly dir: string;
  readonly db: string;
  readonly incident: string;
  readonly items: { readonly public: string; readonly restricted: string; readonly sealed: string };
  readonly users: { readonly viewer: string; readonly analyst: string; readonly custodian: string };
}

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => void (out += `${t}\n`),
    err: (t) => void (err += `${t}\n`),
    interactive: false,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const code = await main(args, io);
    if (code !== 0) throw new Error(`salvo ${args.join(' ')} exited ${code}: ${err}${out}`);
    return out;
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
  }
}

/** A 2x2 PNG (so the public photo has a real thumbnail). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAGklEQVR4AWM8UWHz/waDCAPLBgYNhhsMIgwAPFIFMbRmzzoAAAAASUVORK5CYII=',
  'base64',
);

/** The demo store plus three users and three evidence items (public photo, restricted note, sealed note). */
export async function buildFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'salvo-web-e2e-'));
  const demo = join(dir, 'demo');
  await cli(['demo', '--dir', demo]);
  const db = join(demo, 'demo.db');
  const incident = 'DEMO-2024-01-23-POL';
  const users = { viewer: 'vera', analyst: 'anna', custodian: 'kostya' };
  for (const [role, name] of Object.entries(users))
    await cli(['--db', db, 'user', 'add', name, '--role', role], { SALVO_PASSWORD: PASSWORD });
  await cli(['--db', db, 'evidence', 'key', 'create', '--actor', users.analyst]).catch(() =>
    cli(['--db', db, 'key', 'create', '--actor', users.analyst]),
  );
  const add = async (file: string, sensitivity: string, title: string): Promise<string> => {
    const out = await cli([
      '--db',
      db,
      '--json',
      'evidence',
      'add',
      file,
      '--incident',
      incident,
      '--sensitivity',
      sensitivity,
      '--title',
      title,
      '--actor',
      users.analyst,
    ]);
    return (JSON.parse(out) as { id: string }).id;
  };
  const photo = join(dir, 'crater.png');
  writeFileSync(photo, PNG);
  const note = join(dir, 'witness.txt');
  writeFileSync(note, 'Witness statement (illustrative test data).\n');
  const sealedFile = join(dir, 'source-identity.txt');
  writeFileSync(sealedFile, 'Protected source (illustrative test data).\n');
  const items = {
    public: await add(photo, 'public', 'Crater photo (public, illustrative)'),
    restricted: await add(note, 'restricted', 'Witness statement RESTRICTED-MARKER'),
    sealed: await add(sealedFile, 'sealed', 'Protected source SEALED-MARKER'),
  };
  await cli([
    '--db',
    db,
    'evidence',
    'annotate',
    items.public,
    '--note',
    'Checked against the satellite image',
    '--actor',
    users.analyst,
  ]);
  return { dir, db, incident, items, users };
}

/** Builds the UI into `out` (vite, own config); a few seconds. */
export async function buildWeb(out: string, env: Record<string, string> = {}): Promise<void> {
  await run(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'src/web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      SALVO_WEB_OUT: out,
      ...env,
    },
  );
}

function run(cmd: string, args: readonly string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const p = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    p.stdout.on('data', (d: Buffer) => (log += d.toString()));
    p.stderr.on('data', (d: Buffer) => (log += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${log}`)),
    );
  });
}

export interface Served {
  readonly api: string;
  readonly url: string;
  readonly process: ChildProcess;
  close(): Promise<void>;
}

/** `salvo serve --db DB --port 0`; resolves with its URL once it prints it. */
export function serve(
  db: string,
  extra: readonly string[] = [],
): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  return new Promise((resolveServe, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'test/web/salvo-cli.ts'),
        '--db',
        db,
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        ...extra,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`salvo serve did not start in 60 s:\n${out}\n${err}`)),
      60_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveServe({ url: m[1]!, child, log: () => out + err });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`salvo serve exited ${code}:\n${out}\n${err}`));
    });
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Static files from `root` and everything under /api, /health, /ready forwarded to `api` (for the render
 * benchmark, which serves a build without a store).
 */
export function front(root: string, api: string): Promise<{ url: string; server: Server }> {
  const target = new URL(api);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/api/') || path === '/health' || path === '/ready') {
      const fwd = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      fwd.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(fwd);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

/**
 * The whole stack: `salvo serve --web <the UI built into the temp folder>`, which serves the API and the UI on
 * one origin. `close()` stops the server (SIGTERM, graceful) and removes the temp folder.
 */
export async function startStack(): Promise<Served & { fixture: Fixture }> {
  const fixture = await buildFixture();
  const web = join(fixture.dir, 'web');
  await buildWeb(web);
  const s = await serve(fixture.db, ['--web', web]);
  return {
    api: s.url,
    url: s.url,
    process: s.child,
    fixture,
    async close() {
      await new Promise<void>((r) => {
        if (s.child.exitCode !== null) return r();
        s.child.once('exit', () => r());
        s.child.kill('SIGTERM');
      });
      rmSync(fixture.dir, { recursive: true, force: true });
    },
  };
}

export function resultsDir(): string {
  mkdirSync(RESULTS, { recursive: true });
  return RESULTS;
}

/**
 * What the UI exposes to the tests and the benchmark, typed for code that runs in the page through
 * `page.evaluate` but is compiled here without the DOM library: write `(globalThis as unknown as InPage)`.
 */
export interface InPage {
  __salvoMaps?: Record<
    string,
    { queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[] }
  >;
  __bench?: Record<string, unknown>;
  __benchPanZoom?: () => Promise<Record<string, number>>;
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
}
