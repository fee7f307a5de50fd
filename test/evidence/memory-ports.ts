import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SignedCheckpoint } from '../../src/evidence/model/checkpoint.js';
import type { EvidenceItem } from '../../src/evidence/model/item.js';
import type { PublicKeyEntry } from '../../src/evidence/model/key.js';
import type { VerificationRecord } from '../../src/evidence/model/verification.js';
import type { BlobStore, EventRow, EvidenceRepository, SignatureVerifier } from '../../src/evidence/ports.js';
import type { EvidenceDeps } from '../../src/evidence/services/deps.js';

/** Everything verify reads, held in memory so that thousands of tampered copies can be checked quickly. */
export interface Snapshot {
  readonly items: readonly EvidenceItem[];
  readonly events: readonly EventRow[];
  readonly keys: readonly PublicKeyEntry[];
  readonly checkpoints: readonly SignedCheckpoint[];
  readonly verifications: readonly VerificationRecord[];
  readonly blobs: ReadonlyMap<string, Uint8Array>;
}

export async function snapshotOf(deps: EvidenceDeps): Promise<Snapshot> {
  const items = await deps.repo.listItems({});
  const blobs = new Map<string, Uint8Array>();
  for await (const h of deps.blobs.list()) blobs.set(h, readFileSync(deps.blobs.pathOf(h)));
  return {
    items,
    events: await deps.repo.eventRows(0, 1_000_000),
    keys: await deps.repo.keys(),
    checkpoints: await deps.repo.checkpoints(),
    verifications: (await Promise.all(items.map((i) => deps.repo.verifications(i.id)))).flat(),
    blobs,
  };
}

const notHere = (): never => {
  throw new Error('read-only snapshot');
};

export function memoryRepo(s: Snapshot): EvidenceRepository {
  const sorted = [...s.events].sort((a, b) => a.index - b.index);
  return {
    transaction: notHere,
    getItem: async (id) => s.items.find((i) => i.id === id),
    listItems: async () => [...s.items],
    incidentExists: async () => true,
    eventRows: async (from, limit) => sorted.filter((r) => r.index >= from).slice(0, limit),
    eventRowsOfItem: async (id) => sorted.filter((r) => r.item === id),
    eventRowsOfType: async (t) => sorted.filter((r) => r.event === t),
    logSize: async () => s.events.length,
    itemIds: async () => s.items.map((i) => i.id),
    keys: async () => [...s.keys],
    activeKeyOf: async (actor) => s.keys.find((k) => k.actor === actor && k.validUntil === null),
    checkpoints: async () => [...s.checkpoints],
    verifications: async (id) => s.verifications.filter((v) => v.item === id),
  };
}

export function memoryBlobs(blobs: ReadonlyMap<string, Uint8Array>): BlobStore {
  return {
    location: '(memory)',
    ingest: notHere,
    has: async (h) => blobs.has(h),
    rehash: async (h) => {
      const b = blobs.get(h);
      return b ? { sha256: createHash('sha256').update(b).digest('hex'), sizeBytes: b.length } : undefined;
    },
    async *list() {
      yield* [...blobs.keys()].sort();
    },
    strays: async () => [],
    pathOf: (h) => `(memory)/${h}`,
  };
}

/** The real verifier with a memo: untouched events are checked once, tampered ones for real. */
export function memoVerifier(real: SignatureVerifier): SignatureVerifier {
  const memo = new Map<string, boolean>();
  const one = (publicKey: string, message: string, signature: string): boolean => {
    const k = `${publicKey}\u0000${signature}\u0000${message}`;
    let v = memo.get(k);
    if (v === undefined) {
      v = real.verify(publicKey, message, signature);
      memo.set(k, v);
    }
    return v;
  };
  return {
    verify: one,
    verifyMany: async (jobs) => jobs.map((j) => one(j.publicKey, j.message, j.signature)),
  };
}
