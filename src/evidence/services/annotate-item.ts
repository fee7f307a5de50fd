import { invalid } from '../errors.js';
import type { StoredEvent } from '../model/custody-event.js';
import { actOnItem, type ActInput } from './act-on-item.js';
import type { EvidenceDeps } from './deps.js';
import { textOrUndefined } from './inputs.js';

export interface AnnotateInput extends ActInput {
  readonly note: string;
}

/** Adds a note to an item's log (a correction, a cross-reference, context). The item itself never changes. */
export async function annotateItem(deps: EvidenceDeps, input: AnnotateInput): Promise<StoredEvent> {
  const note = textOrUndefined('--note', input.note)!;
  if (!note.trim()) throw invalid('--note', 'an annotation needs text');
  return actOnItem(deps, input, () => ({ event: 'annotated', details: { note } }));
}
