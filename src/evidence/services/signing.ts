import { noPrivateKey, unknownActor } from '../errors.js';
import type { PublicKeyEntry } from '../model/key.js';
import type { EvidenceRepository, PrivateKeys } from '../ports.js';

export interface SigningIdentity {
  readonly actor: string;
  readonly key: PublicKeyEntry;
}

/**
 * The actor's current key, checked BEFORE anything is written: an unknown actor, or one whose private key this
 * machine does not hold, is refused up front.
 */
export async function signingIdentity(
  repo: EvidenceRepository,
  keys: PrivateKeys,
  actor: string,
): Promise<SigningIdentity> {
  const key = await repo.activeKeyOf(actor);
  if (!key) throw unknownActor(actor);
  if (!(await keys.has(key.id))) throw noPrivateKey(actor, key.id, keys.location);
  return { actor, key };
}
