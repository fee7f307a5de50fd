import { invalid } from '../errors.js';
import {
  GENESIS,
  recordText,
  RECORD_FORMAT,
  type CustodyRecord,
  type EventType,
  type JsonObject,
  type StoredEvent,
} from '../model/custody-event.js';
import type { Clock, EvidenceTx, Hasher, PrivateKeys } from '../ports.js';
import type { SigningIdentity } from './signing.js';

export interface EventDraft {
  readonly item: string;
  readonly event: EventType;
  /** When the act happened; defaults to now. */
  readonly at?: string;
  readonly place?: string | null;
  readonly details: JsonObject;
}

export interface SigningDeps {
  readonly hasher: Hasher;
  readonly keys: PrivateKeys;
  readonly clock: Clock;
}

/**
 * Appends one signed event inside the caller's transaction: it links to the log's last event and to the
 * item's last event, is encoded canonically (RFC 8785), hashed (SHA-256) and signed (Ed25519). Every service
 * that acts on an item writes its event through here, in the same transaction as its other writes.
 */
export async function appendEvent(
  tx: EvidenceTx,
  deps: SigningDeps,
  who: SigningIdentity,
  draft: EventDraft,
): Promise<StoredEvent> {
  const head = await tx.logHead();
  const item = await tx.getItem(draft.item);
  const loggedAt = deps.clock.nowIso();
  const at = draft.at ?? loggedAt;
  if (at > loggedAt) throw invalid('--at', `${at} is in the future (now is ${loggedAt})`);
  const record: CustodyRecord = {
    actor: who.actor,
    at,
    details: draft.details,
    event: draft.event,
    format: RECORD_FORMAT,
    index: head.size,
    item: draft.item,
    itemPrev: item && item.eventCount > 0 ? item.headHash : null,
    key: who.key.id,
    loggedAt,
    place: draft.place ?? null,
    prev: head.size === 0 ? GENESIS : head.lastHash,
  };
  const text = recordText(record);
  const hash = deps.hasher.sha256Hex(text);
  const signature = await deps.keys.sign(who.key.id, text);
  const stored: StoredEvent = { record, text, hash, signature };
  await tx.appendEvent(stored);
  return stored;
}
