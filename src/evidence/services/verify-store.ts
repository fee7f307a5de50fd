import { unknownItem } from '../errors.js';
import { parseCheckpoint } from '../model/checkpoint-schema.js';
import { GENESIS, HEX64 } from '../model/custody-event.js';
import { keyValidAt, type PublicKeyEntry } from '../model/key.js';
import { fromHex, merkleHash, MerkleTree, toHex } from '../model/merkle.js';
import { problem, type IntegrityProblem } from '../model/problem.js';
import type {
  BlobStore,
  EventRow,
  EvidenceRepository,
  Hasher,
  SignatureJob,
  SignatureVerifier,
} from '../ports.js';
import { checkEventRow } from './check-event.js';
import { checkItem, type ItemLog } from './check-item.js';

export interface VerifyReport {
  readonly ok: boolean;
  readonly problems: IntegrityProblem[];
  /** Not wrong, worth knowing: orphan blobs after an interrupted add, leftover temporary files. */
  readonly notes: string[];
  readonly checked: { items: number; events: number; signatures: number; blobs: number; checkpoints: number };
  /** The Merkle root of the whole log (full verification only). */
  readonly root?: string;
  readonly size?: number;
}

export interface VerifyDeps {
  readonly repo: EvidenceRepository;
  readonly blobs: BlobStore;
  readonly hasher: Hasher;
  readonly verifier: SignatureVerifier;
}

const BATCH = 5000;

async function checkSignatures(
  verifier: SignatureVerifier,
  jobs: { job: SignatureJob; row: EventRow }[],
  problems: IntegrityProblem[],
): Promise<void> {
  const ok = await verifier.verifyMany(jobs.map((j) => j.job));
  ok.forEach((good, i) => {
    if (!good) {
      const row = jobs[i]!.row;
      problems.push(problem(row.item, row.index, `signature by ${row.key} does not verify`));
    }
  });
}

/**
 * Recomputes everything: every event's hash, the chain, every signature (and whose key, valid when), every
 * item against its signed description and custody, every blob's SHA-256, every checkpoint's signature and
 * Merkle root. With `item`, only that item's events, row and blob.
 */
export async function verifyStore(deps: VerifyDeps, opts: { item?: string } = {}): Promise<VerifyReport> {
  return opts.item === undefined ? verifyAll(deps) : verifyItem(deps, opts.item);
}

async function verifyAll(deps: VerifyDeps): Promise<VerifyReport> {
  const { repo, blobs, hasher } = deps;
  const problems: IntegrityProblem[] = [];
  const notes: string[] = [];
  const keys = new Map((await repo.keys()).map((k) => [k.id, k]));
  const merkle = merkleHash((b) => hasher.sha256(b));
  const size = await repo.logSize();
  const leaves: Uint8Array[] = [];
  const logs = new Map<string, ItemLog>();
  let prev = GENESIS;
  let expected = 0;
  let signatures = 0;
  let firstHash: string | undefined;
  for (;;) {
    const rows = await repo.eventRows(expected, BATCH);
    if (rows.length === 0) break;
    const jobs: { job: SignatureJob; row: EventRow }[] = [];
    for (const row of rows) {
      if (row.index !== expected)
        problems.push(
          problem(
            row.item,
            row.index,
            `log position ${expected} holds event ${row.index}: an event is missing or out of order`,
          ),
        );
      const c = checkEventRow(row, { hasher, prev, keys });
      problems.push(...c.problems);
      if (c.signature) jobs.push({ job: c.signature, row });
      leaves.push(
        merkle.leaf(HEX64.test(row.hash) ? fromHex(row.hash) : fromHex(hasher.sha256Hex(row.text))),
      );
      firstHash ??= row.hash;
      const r = c.record;
      let log = logs.get(row.item);
      if (!log) {
        log = { records: [], last: '', count: 0 };
        logs.set(row.item, log);
      }
      if (r) {
        const want = log.count === 0 ? null : log.last;
        if (r.itemPrev !== want)
          problems.push(
            problem(
              row.item,
              row.index,
              `event does not link to the item's previous event (expected itemPrev ${want ?? 'null'})`,
            ),
          );
        log.records.push(r);
      }
      log.last = row.hash;
      log.count++;
      prev = row.hash;
      expected = row.index + 1;
    }
    signatures += jobs.length;
    await checkSignatures(deps.verifier, jobs, problems);
    if (rows.length < BATCH) break;
  }
  const events = leaves.length;
  if (events !== size)
    problems.push(problem(null, null, `the log reports ${size} events but ${events} were read`));

  const items = await repo.listItems({});
  const referenced = new Set<string>();
  for (const item of items) {
    if (item.sha256) referenced.add(item.sha256);
    problems.push(
      ...(await checkItem(item, logs.get(item.id), {
        blobs,
        verifications: await repo.verifications(item.id),
      })),
    );
  }
  const known = new Set(items.map((i) => i.id));
  for (const [id, log] of logs)
    if (!known.has(id))
      problems.push(problem(id, log.records[0]?.index ?? null, 'events for an item that does not exist'));

  let blobCount = 0;
  for await (const hash of blobs.list()) {
    blobCount++;
    if (!referenced.has(hash)) notes.push(`orphan blob ${hash}: no item refers to it (an interrupted add?)`);
  }
  for (const s of await blobs.strays())
    notes.push(`leftover temporary file ${s} (an interrupted add; safe to delete)`);

  const tree = new MerkleTree(merkle, leaves);
  const cps = await repo.checkpoints();
  for (const [i, cp] of cps.entries())
    problems.push(...checkCheckpoint(cp, i + 1, { deps, keys, tree, firstHash }));
  signatures += cps.length;
  const jobs = cps.flatMap((cp) => {
    const k = keys.get(cp.record.key);
    return k ? [{ cp, job: { publicKey: k.publicKey, message: cp.text, signature: cp.signature } }] : [];
  });
  const good = await deps.verifier.verifyMany(jobs.map((j) => j.job));
  good.forEach((g, i) => {
    if (!g)
      problems.push(
        problem(null, null, `checkpoint of size ${jobs[i]!.cp.record.size}: signature does not verify`),
      );
  });

  return {
    ok: problems.length === 0,
    problems,
    notes,
    checked: { items: items.length, events, signatures, blobs: blobCount, checkpoints: cps.length },
    root: toHex(tree.root()),
    size: events,
  };
}

function checkCheckpoint(
  cp: Awaited<ReturnType<EvidenceRepository['checkpoints']>>[number],
  ordinal: number,
  ctx: {
    deps: VerifyDeps;
    keys: Map<string, PublicKeyEntry>;
    tree: MerkleTree;
    firstHash: string | undefined;
  },
): IntegrityProblem[] {
  const out: IntegrityProblem[] = [];
  const p = (what: string): void => void out.push(problem(null, null, `checkpoint ${ordinal}: ${what}`));
  const parsed = parseCheckpoint(cp.text);
  if (!parsed.ok) {
    p(parsed.reason);
    return out;
  }
  const r = parsed.record;
  if (r.size !== cp.record.size || r.root !== cp.record.root)
    p('stored size/root differ from the signed text');
  const k = ctx.keys.get(r.key);
  if (!k) p(`signed with key ${r.key}, which is not in the key registry`);
  else {
    if (k.actor !== r.actor) p(`signed with ${k.id}, which belongs to '${k.actor}', not '${r.actor}'`);
    if (!keyValidAt(k, r.at)) p(`signed with ${k.id} at ${r.at}, outside its validity`);
  }
  if (r.log !== ctx.firstHash)
    p(`names log ${r.log}, but this log starts with ${ctx.firstHash ?? '(nothing)'}`);
  if (r.size > ctx.tree.size)
    p(`covers ${r.size} events but the log has only ${ctx.tree.size}: events were removed`);
  else if (toHex(ctx.tree.root(r.size)) !== r.root)
    p(`root ${r.root} is not the root of the log's first ${r.size} events: the log was rewritten`);
  return out;
}

async function verifyItem(deps: VerifyDeps, id: string): Promise<VerifyReport> {
  const { repo, hasher } = deps;
  const item = await repo.getItem(id);
  const rows = await repo.eventRowsOfItem(id);
  if (!item && rows.length === 0) throw unknownItem(id);
  const keys = new Map((await repo.keys()).map((k) => [k.id, k]));
  const problems: IntegrityProblem[] = [];
  const log: ItemLog = { records: [], last: '', count: 0 };
  const jobs: { job: SignatureJob; row: EventRow }[] = [];
  for (const row of rows) {
    const before = row.index === 0 ? undefined : (await repo.eventRows(row.index - 1, 1))[0];
    const prev = row.index === 0 ? GENESIS : before?.index === row.index - 1 ? before.hash : undefined;
    if (prev === undefined)
      problems.push(problem(id, row.index, `the log has no event ${row.index - 1} before this one`));
    const c = checkEventRow(row, { hasher, prev, keys });
    problems.push(...c.problems);
    if (c.signature) jobs.push({ job: c.signature, row });
    if (c.record) {
      const want = log.count === 0 ? null : log.last;
      if (c.record.itemPrev !== want)
        problems.push(
          problem(
            id,
            row.index,
            `event does not link to the item's previous event (expected itemPrev ${want ?? 'null'})`,
          ),
        );
      log.records.push(c.record);
    }
    log.last = row.hash;
    log.count++;
  }
  await checkSignatures(deps.verifier, jobs, problems);
  if (!item) problems.push(problem(id, rows[0]?.index ?? null, 'events for an item that does not exist'));
  else
    problems.push(
      ...(await checkItem(item, log, { blobs: deps.blobs, verifications: await repo.verifications(id) })),
    );
  return {
    ok: problems.length === 0,
    problems,
    notes: [],
    checked: {
      items: 1,
      events: rows.length,
      signatures: jobs.length,
      blobs: item?.sha256 ? 1 : 0,
      checkpoints: 0,
    },
  };
}
