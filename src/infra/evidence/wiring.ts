import { resolve } from 'node:path';
import type { EvidenceDeps } from '../../evidence/services/deps.js';
import type { Clock } from '../../evidence/ports.js';
import type { Store } from '../db/database.js';
import { fsBlobStore } from './blob-store.js';
import { kyselyEvidenceRepository } from './kysely-evidence-repository.js';
import { nodeHasher } from './node-crypto.js';
import { photoInspector } from './photo-inspector.js';
import { fileKeyStore } from './private-keys.js';

export const systemClock: Clock = { nowIso: () => new Date().toISOString() };

export interface EvidencePlaces {
  /** The blob folder: explicit, else `<db>.blobs` beside a SQLite file, else ./salvo.blobs. */
  readonly blobs?: string;
  /** The private-key folder: explicit, else `<db>.keys` beside a SQLite file, else ./salvo.keys. */
  readonly keys?: string;
}

export function evidencePaths(store: Store, places: EvidencePlaces): { blobs: string; keys: string } {
  const beside = (suffix: string): string =>
    store.engine === 'sqlite' ? `${store.location}.${suffix}` : resolve(`salvo.${suffix}`);
  return {
    blobs: resolve(places.blobs ?? beside('blobs')),
    keys: resolve(places.keys ?? beside('keys')),
  };
}

/** The evidence services' ports, wired to this store and these folders. */
export function evidenceDeps(store: Store, places: EvidencePlaces, clock: Clock = systemClock): EvidenceDeps {
  const p = evidencePaths(store, places);
  return {
    repo: kyselyEvidenceRepository(store.db),
    blobs: fsBlobStore(p.blobs),
    keys: fileKeyStore(p.keys),
    hasher: nodeHasher,
    clock,
    photos: photoInspector(),
  };
}
