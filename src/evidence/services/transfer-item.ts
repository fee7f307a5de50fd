import { defined, jsonObject } from '../model/canonical.js';
import { invalid, unknownActor } from '../errors.js';
import type { StoredEvent } from '../model/custody-event.js';
import { actOnItem, type ActInput } from './act-on-item.js';
import type { EvidenceDeps } from './deps.js';
import { actorName, textOrUndefined } from './inputs.js';

export interface TransferInput extends ActInput {
  /** The new custodian: a registered actor (a person or an organisation with a key). */
  readonly to: string;
  /** Where the item is kept from now on. */
  readonly location?: string;
  readonly reason?: string;
}

/** Hands an item to a new custodian: a `transferred` event and the item's custody, in one transaction. */
export async function transferItem(deps: EvidenceDeps, input: TransferInput): Promise<StoredEvent> {
  const to = actorName('--to', input.to);
  if ((await deps.repo.keys()).every((k) => k.actor !== to)) throw unknownActor(to);
  const location = textOrUndefined('--location', input.location, 500);
  return actOnItem(deps, input, (item) => {
    if (item.custody.custodian === to && location === undefined)
      throw invalid('--to', `'${to}' already holds ${item.id}`);
    return {
      event: 'transferred',
      details: jsonObject({
        from: item.custody.custodian,
        to,
        location,
        reason: textOrUndefined('--reason', input.reason),
      }),
      alsoWrite: (tx) =>
        tx.setCustody(
          item.id,
          defined({ ...item.custody, custodian: to, location: location ?? item.custody.location }),
        ),
    };
  });
}
