/**
 * Load benchmark of the team server (issue 6), on each engine, over loopback HTTP only (127.0.0.1):
 *
 * 1. 50 concurrent writers (custody events on shared items, and small uploads) and 200 concurrent readers
 *    (bbox + time incident lists, evidence lists, items, custody logs) for SALVO_LOAD_SECONDS (default 10 s;
 *    60 for the issue's full run). Afterwards: every acknowledged write is stored exactly once (0 lost, 0
 *    duplicated), no unacknowledged write landed, and the custody log verifies (hashes, chain, signatures).
 * 2. SALVO_LOAD_INCIDENTS incidents (default 1,000,000) bulk-loaded, then bbox + time queries (a random 2° x 2°
 *    box and 30-day window, 100 rows a page) over HTTP: p50/p95/p99, one client and 20 concurrent clients.
 *
 * The server runs in a child process (bench/load-server.ts) so the load generator does not share its event
 * loop. PostgreSQL is the server on loopback (SALVO_TEST_PG); its half is skipped with a message when it is
 * unreachable. Every loop is bounded in time and count; nothing is sent anywhere but 127.0.0.1.
 *
 * Run: npx tsx bench/load.bench.ts          (SALVO_LOAD_SECONDS=60 for the full run; SALVO_LOAD_ENGINES=sqlite)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureSigningKey } from '../src/api/signing-keys.js';
import { apiDeps } from '../src/api/wiring.js';
import { main } from '../src/cli/main.js';
import { addDigitalItem } from '../src/evidence/services/add-digital-item.js';
import { verifyStore } from '../src/evidence/services/verify-store.js';
import type { Engine } from '../src/infra/db/database.js';
import { nodeSignatureVerifier } from '../src/infra/evidence/node-crypto.js';
import { freshStore, postgresUnavailable } from '../test/helpers/engines.js';
import { seedIncidents } from './load-seed.js';

const SECONDS = Number(process.env.SALVO_LOAD_SECONDS ?? 10);
const INCIDENTS = Number(process.env.SALVO_LOAD_INCIDENTS ?? 1_000_000);
const ENGINES = (process.env.SALVO_LOAD_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
const WRITERS = Number(process.env.SALVO_LOAD_WRITERS ?? 50);
const READERS = Number(process.env.SALVO_LOAD_READERS ?? 200);
const ITEMS = 20;
const MAX_REQUESTS = 2_000_000; // a hard bound on top of the time bound

const quiet = { out: () => undefined, err: () => undefined, interactive: false };

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

class Stats {
  readonly byKind = new Map<string, number[]>();
  failures = new Map<string, number>();
  add(kind: string, ms: number) {
    const xs = this.byKind.get(kind) ?? [];
    xs.push(ms);
    this.byKind.set(kind, xs);
  }
  fail(what: string) {
    this.failures.set(what, (this.failures.get(what) ?? 0) + 1);
  }
}

async function startChild(db: string, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(
    join(import.meta.dirname, 'load-server.ts'),
    [db, join(dir, 'blobs'), join(dir, 'keys'), join(dir, 'spool')],
    {
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.SALVO_LOAD_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/salvo-prof'] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, child };
}

/** Stops the server gracefully; returns the CPU time it used. */
async function stopChild(child: ChildProcess): Promise<number> {
  let cpuMs = NaN;
  child.on('message', (m) => {
    if (typeof m === 'object' && m !== null && 'cpuMs' in m) cpuMs = (m as { cpuMs: number }).cpuMs;
  });
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.send('stop');
  });
  return cpuMs;
}

const rnd = (n: number) => Math.floor(Math.random() * n);

/**
 * A lean HTTP client (node:http with keep-alive): the load generator must cost the machine less than the
 * server it measures (undici's fetch costs several times more CPU per request on this 2-core class).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
interface Reply {
  readonly status: number;
  readonly body: Buffer;
  arrayBuffer(): Promise<Buffer>;
  json(): Promise<unknown>;
}
function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          body,
          arrayBuffer: async () => body,
          json: async () => JSON.parse(body.toString('utf8')) as unknown,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function randomBboxQuery(): string {
  const west = 22 + Math.random() * 21;
  const south = 44 + Math.random() * 7;
  const from = new Date(Date.UTC(2023, 0, 1) + rnd(700) * 86_400_000);
  const to = new Date(from.getTime() + 30 * 86_400_000);
  return `/api/incidents?bbox=${west.toFixed(3)},${south.toFixed(3)},${(west + 2).toFixed(3)},${(south + 2).toFixed(3)}&from=${from.toISOString()}&to=${to.toISOString()}&limit=100`;
}

async function timed(stats: Stats, kind: string, want: number, fn: () => Promise<Reply>): Promise<boolean> {
  const t = performance.now();
  try {
    const res = await fn();
    await res.arrayBuffer();
    stats.add(kind, performance.now() - t);
    if (res.status !== want) {
      stats.fail(`${kind} -> ${res.status}`);
      return false;
    }
    return true;
  } catch (e) {
    stats.fail(`${kind} -> ${(e as Error).message}`);
    return false;
  }
}

async function runEngine(engine: Engine): Promise<void> {
  const lines = { push: (...xs: string[]) => void console.log(xs.join('\n')) }; // printed as they come
  const es = await freshStore(engine, 'bench');
  try {
    for (const [kind, file] of [
      ['incidents', 'demo/data/incidents-campaign.csv'],
      ['airforce', 'demo/data/airforce-sample.csv'],
    ] as const)
      if ((await main(['--db', es.url, 'import', kind, file], quiet)) !== 0)
        throw new Error(`import ${kind}`);
    const deps = apiDeps(es.store, {
      places: { blobs: join(es.dir, 'blobs'), keys: join(es.dir, 'keys') },
    });
    const writerTokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      await deps.accounts.addUser({ name: `custodian-${i}`, role: 'custodian' });
      await ensureSigningKey(deps.evidenceDeps, `custodian-${i}`);
      writerTokens.push((await deps.accounts.createToken(`custodian-${i}`, 'bench')).token);
    }
    await deps.accounts.addUser({ name: 'reader-analyst', role: 'analyst' });
    await deps.accounts.addUser({ name: 'reader-viewer', role: 'viewer' });
    const readerTokens = [
      (await deps.accounts.createToken('reader-analyst', 'bench')).token,
      (await deps.accounts.createToken('reader-viewer', 'bench')).token,
    ];
    const items: string[] = [];
    mkdirSync(join(es.dir, 'seed'), { recursive: true });
    for (let i = 0; i < ITEMS; i++) {
      const p = join(es.dir, 'seed', `item-${i}.txt`);
      writeFileSync(p, `seed item ${i}\n`.repeat(100));
      const a = await addDigitalItem(deps.evidenceDeps, {
        path: p,
        fileName: `item-${i}.txt`,
        incident: 'DEMO-2024-02-27-KHK',
        actor: 'custodian-0',
        sensitivity: i % 2 === 0 ? 'public' : 'restricted',
      });
      items.push(a.id);
    }
    const eventsBefore = await deps.evidenceDeps.repo.logSize();

    // Phase 1: 50 writers + 200 readers.
    const { url, child } = await startChild(es.url, es.dir);
    const stats = new Stats();
    const acked = { notes: new Set<string>(), uploads: new Set<string>() };
    const attempted = { notes: new Set<string>(), uploads: new Set<string>() };
    const deadline = performance.now() + SECONDS * 1000;
    let requests = 0;
    const going = () => performance.now() < deadline && requests++ < MAX_REQUESTS;
    const writer = async (w: number) => {
      const auth = { authorization: `Bearer ${writerTokens[w % writerTokens.length]}` };
      for (let k = 0; going(); k++) {
        if (k % 10 === 9) {
          const name = `w${w}-u${k}.txt`;
          attempted.uploads.add(name);
          const ok = await timed(stats, 'write: upload', 201, () =>
            http(`${url}/api/evidence?incident=DEMO-2024-02-27-KHK&fileName=${name}&sensitivity=public`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/octet-stream' },
              body: `upload ${name} ${'x'.repeat(2000)}`,
            }),
          );
          if (ok) acked.uploads.add(name);
        } else {
          const note = `w${w}-n${k}`;
          attempted.notes.add(note);
          const ok = await timed(stats, 'write: custody event', 201, () =>
            http(`${url}/api/evidence/${items[rnd(ITEMS)]}/custody`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json' },
              body: JSON.stringify({ event: 'annotated', note }),
            }),
          );
          if (ok) acked.notes.add(note);
        }
      }
    };
    const reader = async (r: number) => {
      const auth = { authorization: `Bearer ${readerTokens[r % 2]}` };
      while (going()) {
        const op = rnd(4);
        if (op === 0)
          await timed(stats, 'read: incidents bbox+time', 200, () =>
            http(url + randomBboxQuery(), { headers: auth }),
          );
        else if (op === 1)
          await timed(stats, 'read: evidence list', 200, () =>
            http(`${url}/api/evidence?limit=50`, { headers: auth }),
          );
        else {
          const id = items[r % 2 === 0 ? rnd(ITEMS) : 2 * rnd(ITEMS / 2)]; // viewers read public items
          if (op === 2)
            await timed(stats, 'read: evidence item', 200, () =>
              http(`${url}/api/evidence/${id}`, { headers: auth }),
            );
          else
            await timed(stats, 'read: custody log', 200, () =>
              http(`${url}/api/evidence/${id}/custody`, { headers: auth }),
            );
        }
      }
    };
    const t0 = performance.now();
    const clientCpu0 = process.cpuUsage();
    await Promise.all([
      ...Array.from({ length: WRITERS }, (_, i) => writer(i)),
      ...Array.from({ length: READERS }, (_, i) => reader(i)),
    ]);
    const elapsed = (performance.now() - t0) / 1000;
    const cu = process.cpuUsage(clientCpu0);
    const serverCpuMs = await stopChild(child);

    // Every acknowledged write exactly once; nothing unacknowledged landed; the log verifies.
    const rows = await es.store.db
      .selectFrom('evidence_events')
      .select(['record'])
      .where('event', '=', 'annotated')
      .execute();
    const seen = new Map<string, number>();
    for (const r of rows) {
      const note = (JSON.parse(r.record) as { details: { note: string } }).details.note;
      seen.set(note, (seen.get(note) ?? 0) + 1);
    }
    const lostNotes = [...acked.notes].filter((n) => !seen.has(n)).length;
    const dupNotes = [...seen.values()].filter((c) => c > 1).length;
    const strayNotes = [...seen.keys()].filter((n) => !acked.notes.has(n)).length;
    const files = await es.store.db
      .selectFrom('evidence_items')
      .select('file_name')
      .where('file_name', 'like', 'w%-u%')
      .execute();
    const fileCount = new Map<string, number>();
    for (const r of files) fileCount.set(r.file_name!, (fileCount.get(r.file_name!) ?? 0) + 1);
    const lostUploads = [...acked.uploads].filter((n) => !fileCount.has(n)).length;
    const dupUploads = [...fileCount.values()].filter((c) => c > 1).length;
    const report = await verifyStore({ ...deps.evidenceDeps, verifier: nodeSignatureVerifier() });
    const eventsAfter = await deps.evidenceDeps.repo.logSize();

    const writes = acked.notes.size + acked.uploads.size;
    lines.push(`## ${engine}: ${WRITERS} writers + ${READERS} readers for ${elapsed.toFixed(1)} s`);
    lines.push(
      `writes acknowledged: ${writes} (${acked.notes.size} custody events, ${acked.uploads.size} uploads; ${(writes / elapsed).toFixed(0)}/s); log ${eventsBefore} -> ${eventsAfter} events`,
    );
    lines.push(
      `lost: ${lostNotes + lostUploads}, duplicated: ${dupNotes + dupUploads}, unacknowledged but stored: ${strayNotes}; custody log verifies: ${report.ok} (${report.checked.events} events, ${report.checked.signatures} signatures, ${report.problems.length} problems)`,
    );
    lines.push('| request | n | p50 ms | p95 ms | p99 ms |', '|---|---:|---:|---:|---:|');
    for (const [kind, xs] of [...stats.byKind].sort())
      lines.push(`| ${kind} | ${xs.length} | ${f(pct(xs, 50))} | ${f(pct(xs, 95))} | ${f(pct(xs, 99))} |`);
    const total = [...stats.byKind.values()].reduce((a, xs) => a + xs.length, 0);
    lines.push(
      `throughput: ${(total / elapsed).toFixed(0)} requests/s; CPU: server ${(serverCpuMs / elapsed / 10).toFixed(0)} %, load generator ${((cu.user + cu.system) / 1e4 / elapsed).toFixed(0)} % (of one core)`,
    );
    lines.push(`failed requests: ${[...stats.failures].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}`);

    // Phase 2: bbox + time at INCIDENTS incidents.
    const t1 = performance.now();
    await seedIncidents(es.store, INCIDENTS);
    const seedS = (performance.now() - t1) / 1000;
    const again = await startChild(es.url, es.dir);
    const auth = { authorization: `Bearer ${readerTokens[1]}` };
    for (let i = 0; i < 20; i++)
      await http(again.url + randomBboxQuery(), { headers: auth }).then((r) => r.arrayBuffer());
    const single = new Stats();
    let rowsSeen = 0;
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      const res = await http(again.url + randomBboxQuery(), { headers: auth });
      rowsSeen += ((await res.json()) as { items: unknown[] }).items.length;
      single.add('q', performance.now() - t);
    }
    const concurrent = new Stats();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 30; i++)
          await timed(concurrent, 'q', 200, () => http(again.url + randomBboxQuery(), { headers: auth }));
      }),
    );
    await stopChild(again.child);
    const q1 = single.byKind.get('q')!;
    const q20 = concurrent.byKind.get('q')!;
    lines.push(
      `### ${engine}: bbox + time at ${INCIDENTS.toLocaleString('en')} incidents (loaded in ${seedS.toFixed(1)} s; 2° x 2° box, 30 days, 100 rows/page, ${(rowsSeen / q1.length).toFixed(0)} rows on average)`,
      `one client: p50 ${f(pct(q1, 50))} ms, p95 ${f(pct(q1, 95))} ms, p99 ${f(pct(q1, 99))} ms (n=${q1.length}); 20 concurrent clients: p50 ${f(pct(q20, 50))} ms, p95 ${f(pct(q20, 95))} ms (n=${q20.length})`,
      '',
    );
  } finally {
    await es.cleanup();
  }
}

console.log(`# Salvo load benchmark (loopback; ${cpus().length} cores, Node ${process.version})`);
for (const engine of ENGINES) {
  if (engine === 'postgres') {
    const why = await postgresUnavailable();
    if (why) {
      console.log(`## postgres: skipped: ${why}`);
      continue;
    }
  }
  await runEngine(engine);
}
