import { invalid } from '../errors.js';
import type { StoredEvent } from '../model/custody-event.js';
import { isConclusion, isStrand, STRANDS, CONCLUSIONS } from '../model/verification.js';
import { actOnItem, type ActInput } from './act-on-item.js';
import type { EvidenceDeps } from './deps.js';
import { textOrUndefined } from './inputs.js';

export interface ReviewInput extends ActInput {
  readonly strand: string;
  readonly conclusion: string;
  readonly notes: string;
}

/**
 * Signs off one strand (source, technical, content) of an item's verification record: the record row and its
 * `reviewed` event, signed by the reviewer, in one transaction.
 */
export async function reviewItem(deps: EvidenceDeps, input: ReviewInput): Promise<StoredEvent> {
  const { strand, conclusion } = input;
  if (!isStrand(strand)) throw invalid('--strand', `'${strand}' is not one of ${STRANDS.join(', ')}`);
  if (!isConclusion(conclusion))
    throw invalid('--conclusion', `'${conclusion}' is not one of ${CONCLUSIONS.join(', ')}`);
  const notes = textOrUndefined('--notes', input.notes, 100_000)!;
  if (!notes.trim()) throw invalid('--notes', 'the analysis notes are required');
  return actOnItem(deps, input, (item) => ({
    event: 'reviewed',
    details: { strand, conclusion, notes },
    alsoWrite: (tx, ev) =>
      tx.insertVerification({
        item: item.id,
        strand,
        conclusion,
        notes,
        reviewer: ev.record.actor,
        at: ev.record.at,
        event: ev.record.index,
      }),
  }));
}
