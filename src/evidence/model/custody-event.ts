import { canonicalJson } from './canonical.js';

/**
 * Custody events. The first seven are the chain of custody proper; `reviewed` signs off one strand of an
 * item's verification record and `traced` logs a trace request's status, so that both sit in the same
 * tamper-evident log.
 */
export const EVENT_TYPES = [
  'collected',
  'sealed',
  'transferred',
  'examined',
  'derived',
  'annotated',
  'exported',
  'reviewed',
  'traced',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const isEventType = (s: string): s is EventType => (EVENT_TYPES as readonly string[]).includes(s);

export const RECORD_FORMAT = 'salvo-custody/1';
/** The `prev` of the first event of a log. */
export const GENESIS = '0'.repeat(64);

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

/**
 * One custody event as hashed and signed. Member names are chosen so that `prev` sorts last: the canonical
 * text then always ends with `,"prev":"<64 hex>"}`, which lets the chain be checked without parsing.
 */
export interface CustodyRecord {
  readonly actor: string;
  /** When the act happened (as stated by the actor; may be earlier than loggedAt). ISO 8601 UTC. */
  readonly at: string;
  readonly details: JsonObject;
  readonly event: EventType;
  readonly format: typeof RECORD_FORMAT;
  /** Position in the whole log, from 0: also the Merkle leaf index. */
  readonly index: number;
  readonly item: string;
  /** Hash of the previous event of the same item; null for its first event. */
  readonly itemPrev: string | null;
  /** Id of the signing key (see key-id.ts). */
  readonly key: string;
  /** When the event was written to the log. ISO 8601 UTC. */
  readonly loggedAt: string;
  readonly place: string | null;
  /** Hash of the previous event of the log; GENESIS for the first. */
  readonly prev: string;
}

/** A stored event: the record, its text (the exact bytes hashed and signed), its hash and signature. */
export interface StoredEvent {
  readonly record: CustodyRecord;
  /** RFC 8785 canonical JSON of `record`, UTF-8. */
  readonly text: string;
  /** SHA-256 of `text`, lower-case hex. */
  readonly hash: string;
  /** Ed25519 signature of `text` by `record.key`, base64. */
  readonly signature: string;
}

export const recordText = (r: CustodyRecord): string => canonicalJson(r);

/** The suffix every record text ends with, given its `prev`. */
export const prevSuffix = (prev: string): string => `,"prev":"${prev}"}`;

export const HEX64 = /^[0-9a-f]{64}$/;
