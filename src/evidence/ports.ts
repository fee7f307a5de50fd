import type { SignedCheckpoint } from './model/checkpoint.js';
import type { EventType, StoredEvent } from './model/custody-event.js';
import type { EvidenceItem, ItemCustody, Media, ItemKind } from './model/item.js';
import type { PublicKeyEntry } from './model/key.js';
import type { Sensitivity } from './model/sensitivity.js';
import type { VerificationRecord } from './model/verification.js';

/** SHA-256 (infra: node:crypto). */
export interface Hasher {
  /** Of the UTF-8 bytes of `text`, lower-case hex. */
  sha256Hex(text: string): string;
  sha256(bytes: Uint8Array): Uint8Array;
}

export interface Clock {
  /** Now, ISO 8601 UTC with milliseconds. */
  nowIso(): string;
}

/** Ed25519 verification of base64 signatures over UTF-8 text, with raw base64 public keys. */
export interface SignatureVerifier {
  verify(publicKey: string, message: string, signature: string): boolean;
  /** Many at once, possibly in parallel; same answers as `verify`. */
  verifyMany(jobs: readonly SignatureJob[]): Promise<boolean[]>;
}
export interface SignatureJob {
  readonly publicKey: string;
  readonly message: string;
  readonly signature: string;
}

/** The private side of the key registry: where private keys live (infra decides; see docs/evidence.md). */
export interface PrivateKeys {
  /** Makes a key pair; the private key is kept only once `keep(id)` is called. */
  generate(): Promise<{ publicKey: string; keep(keyId: string): Promise<void> }>;
  has(keyId: string): Promise<boolean>;
  /** Ed25519 signature of the UTF-8 bytes of `message`, base64. */
  sign(keyId: string, message: string): Promise<string>;
  /** Where keys are kept (for messages). */
  readonly location: string;
}

export interface IngestedBlob {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Whether these bytes were already stored (same content added before). */
  readonly existed: boolean;
}

/** Content-addressed, read-only store of original files (infra: `<db>.blobs/`). */
export interface BlobStore {
  /** Copies a file in, hashing while streaming; refuses unreadable, non-regular and empty files. */
  ingest(path: string, label?: string): Promise<IngestedBlob>;
  has(sha256: string): Promise<boolean>;
  /** Re-hashes a stored blob; undefined when it is missing. */
  rehash(sha256: string): Promise<{ sha256: string; sizeBytes: number } | undefined>;
  /** Every stored blob's hash (file name). */
  list(): AsyncIterable<string>;
  /** Leftover temporary files (a crash during ingest). */
  strays(): Promise<string[]>;
  /** A local path for readers (export, photo inspection). */
  pathOf(sha256: string): string;
  readonly location: string;
}

/** Photo facts from a stored blob (infra: exifr for EXIF/XMP, an image decoder for pixels). */
export interface PhotoInspector {
  metadata(path: string): Promise<Record<string, unknown> | undefined>;
  /** 8-bit grey pixels, row-major; undefined when the format cannot be decoded here. */
  greyPixels(path: string): Promise<GreyImage | undefined>;
}
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** A stored event with the columns it was indexed under (verify compares them with the signed record). */
export interface EventRow {
  readonly index: number;
  readonly item: string;
  readonly event: string;
  readonly actor: string;
  readonly at: string;
  readonly key: string;
  readonly prev: string;
  readonly itemPrev: string | null;
  readonly hash: string;
  readonly signature: string;
  readonly text: string;
}

export interface ItemFilter {
  readonly incident?: string;
  readonly kind?: ItemKind;
  readonly media?: Media;
  readonly sensitivity?: Sensitivity;
}

/** Writes inside one transaction: all of them commit together or none does. */
export interface EvidenceTx {
  incidentExists(id: string): Promise<boolean>;
  nextItemId(): Promise<string>;
  /** The log's size and last hash (GENESIS when empty), as seen inside this transaction. */
  logHead(): Promise<{ size: number; lastHash: string }>;
  getItem(id: string): Promise<EvidenceItem | undefined>;
  insertItem(item: EvidenceItem): Promise<void>;
  /** Appends one event and moves its item's head (hash and count) to it. */
  appendEvent(event: StoredEvent): Promise<void>;
  setCustody(itemId: string, custody: ItemCustody): Promise<void>;
  insertVerification(v: VerificationRecord): Promise<void>;
  insertKey(k: PublicKeyEntry): Promise<void>;
  retireKeys(actor: string, at: string): Promise<void>;
  insertCheckpoint(c: SignedCheckpoint): Promise<void>;
}

export interface EvidenceRepository {
  /** Runs `fn` in one transaction: commits when it resolves, rolls back everything when it throws. */
  transaction<T>(fn: (tx: EvidenceTx) => Promise<T>): Promise<T>;
  getItem(id: string): Promise<EvidenceItem | undefined>;
  listItems(filter: ItemFilter): Promise<EvidenceItem[]>;
  incidentExists(id: string): Promise<boolean>;
  /** Events in log order, from `from` (inclusive), at most `limit`. */
  eventRows(from: number, limit: number): Promise<EventRow[]>;
  eventRowsOfItem(itemId: string): Promise<EventRow[]>;
  eventRowsOfType(type: EventType): Promise<EventRow[]>;
  logSize(): Promise<number>;
  /** Every item's id, digital hash and head, for verify. */
  itemIds(): Promise<string[]>;
  keys(): Promise<PublicKeyEntry[]>;
  activeKeyOf(actor: string): Promise<PublicKeyEntry | undefined>;
  checkpoints(): Promise<SignedCheckpoint[]>;
  verifications(itemId: string): Promise<VerificationRecord[]>;
}

/** Writes a bundle folder; nothing appears at the destination until `commit`. */
export interface BundleSink {
  writeText(name: string, text: string): Promise<void>;
  copyBlob(sha256: string, fromPath: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Reads a bundle folder; refuses any path that leaves it. */
export interface BundleSource {
  readText(name: string): Promise<string | undefined>;
  /** SHA-256 and size of a file inside the bundle; 'outside' when the path would leave it. */
  hashFile(relPath: string): Promise<{ sha256: string; sizeBytes: number } | 'missing' | 'outside'>;
  /** Files in the blobs/ folder (to report extras). */
  listBlobs(): Promise<string[]>;
}
