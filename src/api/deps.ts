import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AnalysisRunStore } from '../cases/analysis-run.js';
import type { BoundaryCollection } from '../contract/index.js';
import type { EvidenceDeps } from '../evidence/services/deps.js';
import type { AccountStore } from '../infra/auth/account-store.js';
import type { ScopedEvidence } from '../infra/auth/scoped-evidence.js';
import type { Store } from '../infra/db/database.js';
import type { Database } from '../infra/db/schema.js';
import type { RegistryQueries } from '../infra/registry/registry-queries.js';
import type { StatsQueries } from '../registry/ports.js';
import type { LoginThrottle } from './login-throttle.js';

export interface ApiOptions {
  /** Serve public items to anyone, refuse every credential and every write. */
  readonly publicReadOnly: boolean;
  /** Largest JSON body accepted (bytes). */
  readonly maxJsonBytes: number;
  /** Largest evidence upload accepted (bytes). */
  readonly maxUploadBytes: number;
  /** Lifetime of a web session. */
  readonly sessionHours: number;
  /** Set the Secure attribute on the session cookie (on unless explicitly serving plain HTTP off-loopback). */
  readonly secureCookies: boolean;
  /** Where uploads are spooled while they stream in (same file system as the blob store). */
  readonly spoolDir: string;
  /** The built web UI (index.html + assets/) to serve at `/`; none when undefined. */
  readonly webRoot?: string | undefined;
}

export const DEFAULT_OPTIONS: Omit<ApiOptions, 'spoolDir'> = {
  publicReadOnly: false,
  maxJsonBytes: 64 * 1024,
  maxUploadBytes: 2 * 1024 ** 3,
  sessionHours: 12,
  secureCookies: true,
};

/** Everything the routes reach the world through. */
export interface ApiDeps {
  /** The store, for writes. */
  readonly store: Store;
  /** Reads (a second connection or pool; the same as store.db when none was given). */
  readonly readDb: Kysely<Database>;
  /** Closes the store and the read connection. */
  close(): Promise<void>;
  readonly accounts: AccountStore;
  readonly registry: RegistryQueries;
  readonly stats: StatsQueries;
  readonly evidence: ScopedEvidence;
  /** Stored analysis runs (reads). */
  readonly runs: AnalysisRunStore;
  /** Imported boundaries, simplified, cached until the table changes. */
  readonly boundaries: () => Promise<BoundaryCollection>;
  readonly evidenceDeps: EvidenceDeps;
  readonly logger: Logger;
  readonly options: ApiOptions;
  /** Password-guessing throttle of POST /api/auth/login (per process, in memory). */
  readonly loginThrottle: LoginThrottle;
  /** Whether the server is draining (readiness turns false, new writes are refused). */
  readonly lifecycle: { draining: boolean };
}
