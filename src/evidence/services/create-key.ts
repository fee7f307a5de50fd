import { keyIdOf, type PublicKeyEntry } from '../model/key.js';
import type { EvidenceDeps } from './deps.js';
import { actorName } from './inputs.js';

/**
 * Creates an Ed25519 key pair for an actor and registers the public key from now on; the actor's previous key
 * (if any) stays in the registry, valid until now. The private key is saved first (a crash then leaves an
 * unused key file, never a registered key without its private half).
 */
export async function createKey(
  deps: Pick<EvidenceDeps, 'repo' | 'keys' | 'hasher' | 'clock'>,
  input: { actor: string },
): Promise<PublicKeyEntry & { replaced: string[] }> {
  const actor = actorName('--actor', input.actor);
  const pair = await deps.keys.generate();
  const raw = Uint8Array.from(Buffer.from(pair.publicKey, 'base64'));
  const id = keyIdOf(toHex(deps.hasher.sha256(raw)));
  await pair.keep(id);
  const now = deps.clock.nowIso();
  const entry: PublicKeyEntry = {
    id,
    actor,
    algorithm: 'ed25519',
    publicKey: pair.publicKey,
    validFrom: now,
    validUntil: null,
  };
  const replaced = (await deps.repo.keys())
    .filter((k) => k.actor === actor && k.validUntil === null)
    .map((k) => k.id);
  await deps.repo.transaction(async (tx) => {
    await tx.retireKeys(actor, now);
    await tx.insertKey(entry);
  });
  return { ...entry, replaced };
}

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
