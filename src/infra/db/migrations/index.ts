import type { Migration } from 'kysely';
import * as m0001 from './0001_registry.js';
import * as m0002 from './0002_evidence.js';
import * as m0004 from './0004_analysis.js';
import * as m0006 from './0006_boundaries.js';
import * as m0007 from './0007_accounts.js';
import * as m0008 from './0008_spatial.js';
import * as m0009 from './0009_analysis_geojson.js';

/** Every migration in order. Names sort lexically; never rename or edit one that has shipped. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_registry': m0001,
  '0002_evidence': m0002,
  '0004_analysis': m0004,
  '0006_boundaries': m0006,
  '0007_accounts': m0007,
  '0008_spatial': m0008,
  '0009_analysis_geojson': m0009,
};
