/**
 * Evidence locker benchmarks (issue 4). Run: npx tsx bench/evidence.bench.ts [--events N] [--mib M]
 *
 * 1. Chain verification without signatures: each event's canonical record is hashed (SHA-256) and must end by
 *    naming the previous event's hash (firstChainBreak, the loop verify runs). Goal >= 1,000,000 events/s.
 *    Also shown: the full per-event check (parse, schema, canonical form, columns, key), not part of the goal.
 * 2. Ed25519 verifications/s with node:crypto: one thread, and verifyMany on libuv's pool. Goal >= 20,000/s.
 * 3. Blob hashing (the blob store's streaming SHA-256) against `sha256sum` on the same file in the same run.
 *    Goal: within 80 % of sha256sum's throughput.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  GENESIS,
  recordText,
  RECORD_FORMAT,
  type CustodyRecord,
} from '../src/evidence/model/custody-event.js';
import type { EventRow } from '../src/evidence/ports.js';
import { checkEventRow, firstChainBreak } from '../src/evidence/services/check-event.js';
import { sha256OfFile } from '../src/infra/evidence/blob-store.js';
import { nodeHasher, nodeSignatureVerifier } from '../src/infra/evidence/node-crypto.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--events', 500_000);
const MIB = arg('--mib', 256);
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

console.log(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

// 1. Chain verification.
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
const keyId = 'ed25519:0123456789abcdef0123456789abcdef';
const rows: EventRow[] = [];
let prev = GENESIS;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const r: CustodyRecord = {
    actor: i % 3 ? 'investigator-a' : 'lab-b',
    at: new Date(Date.UTC(2024, 0, 2) + i * 1000).toISOString(),
    details:
      i % 5
        ? { note: `examined, bag ${i}`, method: 'visual' }
        : { from: 'investigator-a', to: 'lab-b', location: 'store 2' },
    event: i % 5 ? 'examined' : 'transferred',
    format: RECORD_FORMAT,
    index: i,
    item: `EV-${String(1 + (i % 997)).padStart(6, '0')}`,
    itemPrev: null,
    key: keyId,
    loggedAt: new Date(Date.UTC(2024, 0, 2) + i * 1000).toISOString(),
    place: 'Kharkiv',
    prev,
  };
  const text = recordText(r);
  const hash = nodeHasher.sha256Hex(text);
  rows.push({
    index: i,
    item: r.item,
    event: r.event,
    actor: r.actor,
    at: r.at,
    key: keyId,
    prev,
    itemPrev: null,
    hash,
    signature: '',
    text,
  });
  prev = hash;
}
console.log(
  `built ${fmt(N)} events (${Math.round(rows[1]!.text.length)} bytes each) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

let ceiling = 0;
for (let pass = 0; pass < 3; pass++) {
  const t = performance.now();
  let x = 0;
  for (const r of rows) x += nodeHasher.sha256Hex(r.text).length;
  if (x !== 64 * N) throw new Error('hash length');
  ceiling = Math.max(ceiling, N / ((performance.now() - t) / 1000));
}
let best = 0;
for (let pass = 0; pass < 3; pass++) {
  const t = performance.now();
  const brk = firstChainBreak(rows, nodeHasher);
  const s = (performance.now() - t) / 1000;
  if (brk !== -1) throw new Error(`chain broke at ${brk}`);
  best = Math.max(best, N / s);
}
console.log(
  `   baseline, same run: SHA-256 alone over the same records: ${fmt(ceiling)} records/s (the ceiling on this machine now)`,
);
console.log(
  `1. chain verification (hash + link, no signatures): ${fmt(best)} events/s  (goal >= 1,000,000)  ${best >= 1e6 ? 'MET' : 'NOT MET'}`,
);
{
  const keys = new Map([
    [
      keyId,
      {
        id: keyId,
        actor: 'x',
        algorithm: 'ed25519' as const,
        publicKey: pub,
        validFrom: '2000-01-01T00:00:00.000Z',
        validUntil: null,
      },
    ],
  ]);
  const M = Math.min(N, 100_000);
  const t = performance.now();
  let p = GENESIS;
  for (let i = 0; i < M; i++) {
    checkEventRow(rows[i]!, { hasher: nodeHasher, prev: p, keys });
    p = rows[i]!.hash;
  }
  console.log(
    `   full per-event check (hash, link, parse, schema, canonical form, columns, key; no signature): ${fmt(M / ((performance.now() - t) / 1000))} events/s`,
  );
}

// 2. Ed25519.
{
  const S = 20_000;
  const jobs = rows.slice(0, S).map((r) => ({
    publicKey: pub,
    message: r.text,
    signature: sign(null, Buffer.from(r.text), privateKey).toString('base64'),
  }));
  const v = nodeSignatureVerifier();
  let t = performance.now();
  for (const j of jobs) if (!v.verify(j.publicKey, j.message, j.signature)) throw new Error('bad signature');
  const one = S / ((performance.now() - t) / 1000);
  t = performance.now();
  const ok = await v.verifyMany(jobs);
  if (ok.some((x) => !x)) throw new Error('bad signature');
  const many = S / ((performance.now() - t) / 1000);
  console.log(
    `2. Ed25519 verifications: ${fmt(one)}/s on one thread, ${fmt(many)}/s with verifyMany (thread pool, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? 4})  (goal >= 20,000)  ${Math.max(one, many) >= 20_000 ? 'MET' : 'NOT MET'}`,
  );
  const o = spawnSync('openssl', ['speed', '-seconds', '2', 'ed25519'], { encoding: 'utf8' });
  const last = o.stdout?.trim().split('\n').at(-1);
  if (o.status === 0 && last)
    console.log(
      `   baseline, same run: openssl speed ed25519 (one core): ${last.trim().split(/\s+/).at(-1)} verifications/s`,
    );
}

// 3. Blob hashing vs sha256sum.
{
  const dir = mkdtempSync(join(tmpdir(), 'salvo-bench-'));
  try {
    const file = join(dir, 'blob.bin');
    const fd = openSync(file, 'w');
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < MIB; i++) {
      chunk.fill(i & 0xff);
      chunk.writeUInt32LE(i, 0);
      writeSync(fd, chunk);
    }
    closeSync(fd);
    spawnSync('sha256sum', [file]); // warm the page cache
    let ours = 0;
    let theirs = 0;
    let ourHash = '';
    let theirHash = '';
    for (let pass = 0; pass < 3; pass++) {
      let t = performance.now();
      ourHash = (await sha256OfFile(file)).sha256;
      ours = Math.max(ours, MIB / ((performance.now() - t) / 1000));
      t = performance.now();
      const r = spawnSync('sha256sum', [file], { encoding: 'utf8' });
      theirs = Math.max(theirs, MIB / ((performance.now() - t) / 1000));
      theirHash = r.stdout.split(' ')[0] ?? '';
    }
    if (ourHash !== theirHash) throw new Error(`hash mismatch: ${ourHash} vs ${theirHash}`);
    const ratio = ours / theirs;
    console.log(
      `3. blob hashing (${MIB} MiB file, best of 3): Salvo ${fmt(ours)} MiB/s, sha256sum ${fmt(theirs)} MiB/s: ${(100 * ratio).toFixed(0)} %  (goal >= 80 %)  ${ratio >= 0.8 ? 'MET' : 'NOT MET'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
