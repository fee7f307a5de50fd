import { invalid, unknownItem } from '../errors.js';
import { hammingDistance } from '../model/perceptual-hash.js';
import type { EvidenceItem } from '../model/item.js';
import type { EvidenceRepository } from '../ports.js';

/** Photos whose perceptual hash is within `maxDistance` bits of the item's ("other photos of this fragment"). */
export async function findSimilar(
  repo: EvidenceRepository,
  id: string,
  maxDistance = 10,
): Promise<{ item: EvidenceItem; distance: number }[]> {
  const me = await repo.getItem(id);
  if (!me) throw unknownItem(id);
  if (!me.perceptualHash)
    throw invalid(
      'id',
      `${id} has no perceptual hash (not a photo, or its format could not be decoded here)`,
    );
  const out: { item: EvidenceItem; distance: number }[] = [];
  for (const other of await repo.listItems({ kind: 'digital' })) {
    if (other.id === id || !other.perceptualHash) continue;
    const distance = hammingDistance(me.perceptualHash, other.perceptualHash);
    if (distance <= maxDistance) out.push({ item: other, distance });
  }
  return out.sort((a, b) => a.distance - b.distance || a.item.id.localeCompare(b.item.id));
}
