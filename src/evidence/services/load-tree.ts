import { fromHex, merkleHash, MerkleTree, type MerkleHash } from '../model/merkle.js';
import type { EventRow, EvidenceRepository, Hasher } from '../ports.js';

/** The Merkle tree over the whole stored log (leaf data = the event's 32-byte SHA-256). */
export async function loadTree(
  repo: EvidenceRepository,
  hasher: Hasher,
): Promise<{ tree: MerkleTree; merkle: MerkleHash; first: EventRow | undefined; rows: EventRow[] }> {
  const merkle = merkleHash((b) => hasher.sha256(b));
  const rows: EventRow[] = [];
  for (let from = 0; ;) {
    const batch = await repo.eventRows(from, 10_000);
    rows.push(...batch);
    if (batch.length < 10_000) break;
    from = batch[batch.length - 1]!.index + 1;
  }
  const tree = new MerkleTree(
    merkle,
    rows.map((r) => merkle.leaf(fromHex(r.hash))),
  );
  return { tree, merkle, first: rows[0], rows };
}
