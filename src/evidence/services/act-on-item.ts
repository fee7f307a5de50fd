import { unknownItem } from '../errors.js';
import type { EventType, JsonObject, StoredEvent } from '../model/custody-event.js';
import type { EvidenceItem } from '../model/item.js';
import type { EvidenceTx } from '../ports.js';
import { appendEvent } from './append-event.js';
import type { EvidenceDeps } from './deps.js';
import { actorName, instantOrUndefined } from './inputs.js';
import { signingIdentity } from './signing.js';

export interface ActInput {
  readonly item: string;
  readonly actor: string;
  readonly at?: string;
  readonly place?: string;
}

export interface Act {
  readonly event: EventType;
  readonly details: JsonObject;
  /** Other writes of the same act, in the same transaction (after the event is appended). */
  readonly alsoWrite?: (tx: EvidenceTx, event: StoredEvent) => Promise<void>;
}

/**
 * One act on an existing item, written as one signed event in one transaction with the act's own writes.
 * The actor and item are checked before anything is written.
 */
export async function actOnItem(
  deps: EvidenceDeps,
  input: ActInput,
  decide: (item: EvidenceItem) => Act | Promise<Act>,
): Promise<StoredEvent> {
  const actor = actorName('--actor', input.actor);
  const at = instantOrUndefined('--at', input.at);
  const who = await signingIdentity(deps.repo, deps.keys, actor);
  if (!(await deps.repo.getItem(input.item))) throw unknownItem(input.item);
  return deps.repo.transaction(async (tx) => {
    const item = await tx.getItem(input.item);
    if (!item) throw unknownItem(input.item);
    const act = await decide(item);
    const ev = await appendEvent(tx, deps, who, {
      item: item.id,
      event: act.event,
      at,
      place: input.place ?? null,
      details: act.details,
    });
    await act.alsoWrite?.(tx, ev);
    return ev;
  });
}
