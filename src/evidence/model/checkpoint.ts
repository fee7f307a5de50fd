import { canonicalJson } from './canonical.js';

export const CHECKPOINT_FORMAT = 'salvo-checkpoint/1';

/**
 * A signed statement "the log identified by `log` had `size` events with Merkle root `root`", to be published
 * (a bulletin, a newspaper) so that later proofs can be checked against it.
 */
export interface CheckpointRecord {
  readonly actor: string;
  readonly at: string;
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly key: string;
  /** The log's identity: the hash of its first event. */
  readonly log: string;
  /** Merkle tree head, hex. */
  readonly root: string;
  readonly size: number;
}

export interface SignedCheckpoint {
  readonly record: CheckpointRecord;
  /** RFC 8785 canonical JSON of `record`: the signed bytes. */
  readonly text: string;
  /** Ed25519 signature of `text`, base64. */
  readonly signature: string;
}

export const checkpointText = (r: CheckpointRecord): string => canonicalJson(r);
