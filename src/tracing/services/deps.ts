import type { Clock, Hasher, PrivateKeys } from '../../evidence/ports.js';
import type { TracingRepository } from '../ports.js';

export interface TracingDeps {
  readonly tracing: TracingRepository;
  readonly keys: PrivateKeys;
  readonly hasher: Hasher;
  readonly clock: Clock;
}
