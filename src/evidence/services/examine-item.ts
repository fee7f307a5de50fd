import { jsonObject } from '../model/canonical.js';
import { invalid } from '../errors.js';
import type { StoredEvent } from '../model/custody-event.js';
import { actOnItem, type ActInput } from './act-on-item.js';
import type { EvidenceDeps } from './deps.js';
import { textOrUndefined } from './inputs.js';

export interface ExamineInput extends ActInput {
  readonly note: string;
  /** What was done (visual inspection, measurement, X-ray, metallurgy...). */
  readonly method?: string;
}

/** Records an examination of an item (who looked at it, how, what they found). */
export async function examineItem(deps: EvidenceDeps, input: ExamineInput): Promise<StoredEvent> {
  const note = textOrUndefined('--note', input.note)!;
  if (!note.trim()) throw invalid('--note', 'say what the examination found');
  return actOnItem(deps, input, () => ({
    event: 'examined',
    details: jsonObject({ note, method: textOrUndefined('--method', input.method, 500) }),
  }));
}
