import { z } from 'zod';
import { canonicalJson } from '../model/canonical.js';
import {
  blobPathOf,
  BUNDLE_FILES,
  bundleCheckpointSchema,
  bundleEventSchema,
  bundleKeySchema,
  manifestSchema,
  proofsSchema,
  type BundleEvent,
} from '../model/bundle.js';
import type { CheckpointRecord } from '../model/checkpoint.js';
import { parseCheckpoint } from '../model/checkpoint-schema.js';
import type { CustodyRecord } from '../model/custody-event.js';
import { keyValidAt, type PublicKeyEntry } from '../model/key.js';
import { fromHex, merkleHash, verifyConsistency, verifyInclusion } from '../model/merkle.js';
import { problem, type IntegrityProblem } from '../model/problem.js';
import { parseRecordText } from '../model/record-schema.js';
import type { BundleSource, Hasher, SignatureVerifier } from '../ports.js';

export interface BundleReport {
  readonly ok: boolean;
  readonly problems: IntegrityProblem[];
  readonly incident?: string;
  readonly items: number;
  readonly events: number;
  readonly blobs: number;
  /** The signed tree head the bundle proves against: compare with the published one. */
  readonly checkpoint?: { size: number; root: string; actor: string; at: string; key: string };
  /** Key ids and holders used, to compare with an independently published registry. */
  readonly keys: { id: string; actor: string }[];
}

export interface PublishedCheckpoint {
  readonly text: string;
  readonly signature: string;
}

const hex = (s: string): Uint8Array => fromHex(s);

/**
 * Checks a bundle with nothing but its files: every blob's SHA-256, every event's hash, canonical form and
 * Ed25519 signature (by a key valid then, held by the named actor), each item's unbroken chain of events
 * ending with its export, the manifest against the signed descriptions, every inclusion proof against the
 * signed checkpoint, the checkpoint's consistency with earlier ones and, if given, with a published checkpoint.
 */
export async function verifyBundle(
  src: BundleSource,
  deps: { hasher: Hasher; verifier: SignatureVerifier },
  opts: { published?: PublishedCheckpoint } = {},
): Promise<BundleReport> {
  const problems: IntegrityProblem[] = [];
  const p = (item: string | null, event: number | null, what: string): void =>
    void problems.push(problem(item, event, what));
  const merkle = merkleHash((b) => deps.hasher.sha256(b));
  const readJson = async <T>(name: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const text = await src.readText(name);
    if (text === undefined) return void p(null, null, `${name} is missing`);
    try {
      const r = schema.safeParse(JSON.parse(text));
      if (r.success) return r.data;
      p(
        null,
        null,
        `${name} is malformed: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    } catch {
      p(null, null, `${name} is not JSON`);
    }
    return undefined;
  };
  const manifest = await readJson(BUNDLE_FILES.manifest, manifestSchema);
  const keyList = (await readJson(BUNDLE_FILES.keys, z.array(bundleKeySchema))) ?? [];
  const cpFile = await readJson(BUNDLE_FILES.checkpoint, bundleCheckpointSchema);
  const proofs = await readJson(BUNDLE_FILES.proofs, proofsSchema);
  const eventsText =
    (await src.readText(BUNDLE_FILES.events)) ?? void p(null, null, `${BUNDLE_FILES.events} is missing`);
  const events: BundleEvent[] = [];
  for (const [n, line] of (eventsText ?? '').split('\n').entries()) {
    if (!line.trim()) continue;
    try {
      const r = bundleEventSchema.safeParse(JSON.parse(line));
      if (r.success) events.push(r.data);
      else p(null, null, `${BUNDLE_FILES.events} line ${n + 1} is malformed`);
    } catch {
      p(null, null, `${BUNDLE_FILES.events} line ${n + 1} is not JSON`);
    }
  }
  const keys = new Map<string, PublicKeyEntry>(keyList.map((k) => [k.id, k]));
  const keyProblems = (what: string, keyId: string, actor: string, at: string): string[] => {
    const k = keys.get(keyId);
    if (!k) return [`${what}: signed with key ${keyId}, which is not in keys.json`];
    const out: string[] = [];
    if (k.actor !== actor) out.push(`${what}: key ${keyId} belongs to '${k.actor}', not '${actor}'`);
    if (!keyValidAt(k, at)) out.push(`${what}: key ${keyId} was not valid at ${at}`);
    const fp = deps.hasher.sha256(Uint8Array.from(Buffer.from(k.publicKey, 'base64')));
    if (`ed25519:${Array.from(fp.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}` !== k.id)
      out.push(`${what}: key id ${k.id} is not the fingerprint of its public key`);
    return out;
  };

  // The checkpoint the proofs are made against.
  let cp: CheckpointRecord | undefined;
  if (cpFile) {
    const parsed = parseCheckpoint(cpFile.text);
    if (!parsed.ok) p(null, null, `checkpoint: ${parsed.reason}`);
    else {
      cp = parsed.record;
      for (const w of keyProblems('checkpoint', cp.key, cp.actor, cp.at)) p(null, null, w);
      const k = keys.get(cp.key);
      if (k && !deps.verifier.verify(k.publicKey, cpFile.text, cpFile.signature))
        p(null, null, 'checkpoint signature does not verify');
      if (proofs && (proofs.size !== cp.size || proofs.root !== cp.root))
        p(null, null, 'proofs.json is for a different tree head than checkpoint.json');
      for (const e of cpFile.earlier) {
        const q = parseCheckpoint(e.text);
        if (!q.ok) {
          p(null, null, `earlier checkpoint: ${q.reason}`);
          continue;
        }
        const ek = keys.get(q.record.key);
        if (!ek || !deps.verifier.verify(ek.publicKey, e.text, e.signature))
          p(null, null, `earlier checkpoint of size ${q.record.size}: signature does not verify`);
        if (q.record.log !== cp.log)
          p(null, null, `earlier checkpoint of size ${q.record.size} is of another log`);
        if (
          !verifyConsistency(merkle, {
            first: q.record.size,
            second: cp.size,
            firstRoot: hex(q.record.root),
            secondRoot: hex(cp.root),
            proof: e.proof.map(hex),
          })
        )
          p(
            null,
            null,
            `the log at size ${cp.size} does not extend the earlier checkpoint of size ${q.record.size} (consistency proof fails)`,
          );
      }
      if (opts.published) checkPublished(opts.published, cp, cpFile.earlier, { keys, deps, merkle, p });
    }
  }

  // Events: hash, canonical record, signature, inclusion.
  const records = new Map<number, { ev: BundleEvent; record: CustodyRecord }>();
  const jobs: { index: number; item: string; publicKey: string; message: string; signature: string }[] = [];
  for (const ev of events) {
    const computed = deps.hasher.sha256Hex(ev.record);
    const parsed = parseRecordText(ev.record);
    const item = parsed.ok ? parsed.record.item : null;
    if (computed !== ev.hash)
      p(item, ev.index, `event hash differs: listed ${ev.hash}, the record hashes to ${computed}`);
    if (!parsed.ok) {
      p(null, ev.index, parsed.reason);
      continue;
    }
    const r = parsed.record;
    if (canonicalJson(r) !== ev.record) p(item, ev.index, 'record is not in RFC 8785 canonical form');
    if (r.index !== ev.index) p(item, ev.index, `listed as event ${ev.index} but the record says ${r.index}`);
    for (const w of keyProblems('event', r.key, r.actor, r.loggedAt)) p(item, ev.index, w);
    const k = keys.get(r.key);
    if (k)
      jobs.push({
        index: ev.index,
        item: r.item,
        publicKey: k.publicKey,
        message: ev.record,
        signature: ev.signature,
      });
    if (cp && proofs) {
      const path = proofs.inclusion[String(ev.index)];
      if (!path) p(item, ev.index, 'no inclusion proof');
      else if (
        !verifyInclusion(merkle, {
          leafHash: merkle.leaf(hex(ev.hash)),
          index: ev.index,
          size: cp.size,
          proof: path.map(hex),
          root: hex(cp.root),
        })
      )
        p(item, ev.index, `inclusion proof does not lead to the checkpoint root ${cp.root}`);
    }
    if (records.has(ev.index)) p(item, ev.index, 'event listed twice');
    records.set(ev.index, { ev, record: r });
  }
  const sigOk = await deps.verifier.verifyMany(jobs);
  sigOk.forEach((ok, i) => {
    if (!ok)
      p(jobs[i]!.item, jobs[i]!.index, `signature by ${jobs[i]!.publicKey.slice(0, 12)}… does not verify`);
  });

  // Items: files, chains, descriptions.
  let blobCount = 0;
  const listed = new Set<string>();
  for (const it of manifest?.items ?? []) {
    const mine = it.events.map((i) => records.get(i)).filter((x) => x !== undefined);
    if (mine.length !== it.events.length)
      p(it.id, null, 'the manifest lists events that are not in events.jsonl');
    let last: string | null = null;
    for (const { ev, record } of mine) {
      if (record.item !== it.id) p(it.id, ev.index, `event belongs to ${record.item}`);
      if (record.itemPrev !== last)
        p(
          it.id,
          ev.index,
          `chain broken: expected itemPrev ${last ?? 'null'} (an event is missing or reordered)`,
        );
      last = ev.hash;
    }
    const first = mine[0]?.record;
    const described = first?.details['item'] as Record<string, unknown> | undefined;
    if (!first || (first.event !== 'collected' && first.event !== 'derived') || !described)
      p(it.id, first?.index ?? null, 'the first event is not the signed collected/derived description');
    else
      for (const f of ['id', 'kind', 'media', 'sensitivity', 'title'] as const)
        if (described[f] !== it[f])
          p(
            it.id,
            first.index,
            `manifest ${f} '${String(it[f])}' differs from the signed '${String(described[f])}'`,
          );
    if (mine.at(-1)?.record.event !== 'exported')
      p(
        it.id,
        mine.at(-1)?.ev.index ?? null,
        'the last event is not the export (events after it are missing)',
      );
    const signedSha = described?.['sha256'];
    if (it.sha256 !== (typeof signedSha === 'string' ? signedSha : null))
      p(
        it.id,
        first?.index ?? null,
        `manifest sha256 ${it.sha256 ?? 'null'} differs from the signed ${String(signedSha ?? 'null')}`,
      );
    if (it.sha256) {
      blobCount++;
      listed.add(it.sha256);
      if (it.file !== blobPathOf(it.sha256))
        p(it.id, null, `file path '${it.file ?? ''}' is not ${blobPathOf(it.sha256)}`);
      const h = await src.hashFile(it.file ?? blobPathOf(it.sha256));
      if (h === 'outside') p(it.id, null, `file path '${it.file ?? ''}' is outside the bundle`);
      else if (h === 'missing') p(it.id, null, `file ${it.file ?? ''} is missing`);
      else if (h.sha256 !== it.sha256)
        p(it.id, null, `file content differs: expected sha256 ${it.sha256}, found ${h.sha256}`);
      else if (it.sizeBytes !== h.sizeBytes)
        p(it.id, null, `file size differs: expected ${it.sizeBytes ?? '?'}, found ${h.sizeBytes}`);
    }
  }
  const inManifest = new Set((manifest?.items ?? []).flatMap((i) => i.events));
  for (const i of records.keys())
    if (!inManifest.has(i))
      p(records.get(i)!.record.item, i, 'event in events.jsonl not listed for any item');
  for (const f of await src.listBlobs())
    if (!listed.has(f)) p(null, null, `blobs/${f} is not listed in the manifest`);

  return {
    ok: problems.length === 0,
    problems,
    incident: manifest?.incident,
    items: manifest?.items.length ?? 0,
    events: events.length,
    blobs: blobCount,
    checkpoint: cp ? { size: cp.size, root: cp.root, actor: cp.actor, at: cp.at, key: cp.key } : undefined,
    keys: keyList.map((k) => ({ id: k.id, actor: k.actor })),
  };
}

function checkPublished(
  pub: PublishedCheckpoint,
  cp: CheckpointRecord,
  earlier: readonly { text: string; proof: string[] }[],
  ctx: {
    keys: Map<string, PublicKeyEntry>;
    deps: { verifier: SignatureVerifier };
    merkle: ReturnType<typeof merkleHash>;
    p: (item: string | null, event: number | null, what: string) => void;
  },
): void {
  const parsed = parseCheckpoint(pub.text);
  if (!parsed.ok) return ctx.p(null, null, `published checkpoint: ${parsed.reason}`);
  const q = parsed.record;
  const k = ctx.keys.get(q.key);
  if (!k || !ctx.deps.verifier.verify(k.publicKey, pub.text, pub.signature))
    ctx.p(null, null, 'published checkpoint: signature does not verify with the bundled keys');
  if (q.log !== cp.log) return ctx.p(null, null, 'published checkpoint is of another log');
  if (q.size === cp.size) {
    if (q.root !== cp.root)
      ctx.p(null, null, `published root ${q.root} differs from the bundle's ${cp.root}: a split view`);
    return;
  }
  if (q.size > cp.size)
    return ctx.p(
      null,
      null,
      `published checkpoint (size ${q.size}) is later than the bundle's (${cp.size}): export again to relate them`,
    );
  const e = earlier.find((x) => x.text === pub.text);
  if (!e) return ctx.p(null, null, `no consistency proof in the bundle from the published size ${q.size}`);
  if (
    !verifyConsistency(ctx.merkle, {
      first: q.size,
      second: cp.size,
      firstRoot: fromHex(q.root),
      secondRoot: fromHex(cp.root),
      proof: e.proof.map(fromHex),
    })
  )
    ctx.p(null, null, `the bundle's log does not extend the published checkpoint (size ${q.size})`);
}
