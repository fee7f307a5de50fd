import { createKey } from '../evidence/services/create-key.js';
import type { EvidenceDeps } from '../evidence/services/deps.js';

const pending = new Map<string, Promise<void>>();
/** Actors seen holding a usable key (a key is never deleted; a newer one replaces it through createKey). */
const ready = new WeakMap<EvidenceDeps['keys'], Set<string>>();

/**
 * A user signs custody events with a key the server holds for them (in the store's key folder). The first
 * write of a user without one creates it; concurrent first writes share one creation.
 */
export async function ensureSigningKey(deps: EvidenceDeps, actor: string): Promise<void> {
  const known = ready.get(deps.keys) ?? new Set<string>();
  ready.set(deps.keys, known);
  if (known.has(actor)) return;
  const key = await deps.repo.activeKeyOf(actor);
  if (key && (await deps.keys.has(key.id))) {
    known.add(actor);
    return;
  }
  let p = pending.get(actor);
  if (!p) {
    p = createKey(deps, { actor })
      .then(() => undefined)
      .finally(() => pending.delete(actor));
    pending.set(actor, p);
  }
  await p;
}
