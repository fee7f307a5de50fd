import { unknownItem } from '../errors.js';
import type { CustodyRecord } from '../model/custody-event.js';
import type { EvidenceItem } from '../model/item.js';
import { parseRecordText } from '../model/record-schema.js';
import type { VerificationRecord } from '../model/verification.js';
import type { EvidenceRepository } from '../ports.js';

export interface ItemView {
  readonly item: EvidenceItem;
  readonly events: (CustodyRecord & { hash: string })[];
  readonly verifications: VerificationRecord[];
  /** Items derived from this one. */
  readonly derived: string[];
}

/** An item with its custody history (as signed) and verification record. */
export async function showItem(repo: EvidenceRepository, id: string): Promise<ItemView> {
  const item = await repo.getItem(id);
  if (!item) throw unknownItem(id);
  const events = (await repo.eventRowsOfItem(id)).flatMap((row) => {
    const p = parseRecordText(row.text);
    return p.ok ? [{ ...p.record, hash: row.hash }] : [];
  });
  const derived = events.flatMap((e) =>
    e.event === 'derived' && typeof e.details['to'] === 'string' ? [e.details['to']] : [],
  );
  return { item, events, verifications: await repo.verifications(id), derived };
}
