import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { accountStore } from '../infra/auth/account-store.js';
import { analysisRunStore } from '../infra/cases/analysis-runs.js';
import { boundariesGeoJson } from '../infra/registry/boundaries-geojson.js';
import { scopedEvidence } from '../infra/auth/scoped-evidence.js';
import type { Store } from '../infra/db/database.js';
import type { Database } from '../infra/db/schema.js';
import { evidenceDeps, type EvidencePlaces } from '../infra/evidence/wiring.js';
import { registryQueries } from '../infra/registry/registry-queries.js';
import { statsQueries } from '../infra/registry/stats-queries.js';
import { DEFAULT_OPTIONS, type ApiDeps, type ApiOptions } from './deps.js';
import { createLoginThrottle, type LoginThrottle } from './login-throttle.js';
import { silentLogger } from './logger.js';

/**
 * The API's dependencies, wired to one store (SQLite or PostgreSQL) and its evidence folders. `readDb` (from
 * openServerStore) serves the reads; without it everything goes through store.db.
 */
export function apiDeps(
  store: Store,
  opts: {
    places?: EvidencePlaces;
    logger?: Logger;
    options?: Partial<ApiOptions>;
    readDb?: Kysely<Database>;
    close?: () => Promise<void>;
    loginThrottle?: LoginThrottle;
  } = {},
): ApiDeps {
  const readDb = opts.readDb ?? store.db;
  return {
    store,
    readDb,
    close: opts.close ?? (() => store.close()),
    accounts: accountStore(store.db, readDb),
    registry: registryQueries(readDb, store.engine),
    stats: statsQueries(readDb),
    evidence: scopedEvidence(readDb, store.db),
    runs: analysisRunStore(readDb),
    boundaries: boundariesGeoJson(readDb),
    evidenceDeps: evidenceDeps(store, opts.places ?? {}),
    logger: opts.logger ?? silentLogger(),
    options: { ...DEFAULT_OPTIONS, spoolDir: join(tmpdir(), 'salvo-uploads'), ...opts.options },
    loginThrottle: opts.loginThrottle ?? createLoginThrottle(),
    lifecycle: { draining: false },
  };
}
