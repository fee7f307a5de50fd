import type { BlobStore, Clock, EvidenceRepository, Hasher, PhotoInspector, PrivateKeys } from '../ports.js';

/** Everything the evidence services reach the world through. */
export interface EvidenceDeps {
  readonly repo: EvidenceRepository;
  readonly blobs: BlobStore;
  readonly keys: PrivateKeys;
  readonly hasher: Hasher;
  readonly clock: Clock;
  readonly photos?: PhotoInspector;
}
