import { defined, jsonObject } from '../model/canonical.js';
import { invalid } from '../errors.js';
import type { StoredEvent } from '../model/custody-event.js';
import { actOnItem, type ActInput } from './act-on-item.js';
import type { EvidenceDeps } from './deps.js';
import { textOrUndefined } from './inputs.js';

export interface SealInput extends ActInput {
  readonly seal: string;
  readonly bag?: string;
  readonly note?: string;
}

/** (Re)seals a physical item under a new seal (and bag) number. */
export async function sealItem(deps: EvidenceDeps, input: SealInput): Promise<StoredEvent> {
  const seal = textOrUndefined('--seal', input.seal, 200)!;
  if (!seal.trim()) throw invalid('--seal', 'a seal number is required');
  return actOnItem(deps, input, (item) => {
    if (item.kind !== 'physical')
      throw invalid('item', `${item.id} is digital: only physical items are sealed`);
    return {
      event: 'sealed',
      details: jsonObject({
        seal,
        bag: textOrUndefined('--bag', input.bag, 200),
        previousSeal: item.custody.sealNumber,
        note: textOrUndefined('--note', input.note),
      }),
      alsoWrite: (tx) =>
        tx.setCustody(
          item.id,
          defined({ ...item.custody, sealNumber: seal, bagNumber: input.bag ?? item.custody.bagNumber }),
        ),
    };
  });
}
