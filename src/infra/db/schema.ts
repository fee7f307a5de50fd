import type { Generated } from 'kysely';
import type { AnalysisTables } from './schema-analysis.js';
import type { BoundaryTables } from './schema-boundaries.js';
import type { AccountTables } from './schema-accounts.js';
import type { EvidenceTables } from './schema-evidence.js';

/**
 * The store's tables as Kysely sees them. Portable SQL only (SQLite and PostgreSQL): instants are ISO 8601
 * UTC text ('2024-01-02T05:30:00.000Z', which sorts in time order), booleans are 0/1 integers, JSON is text.
 */
export interface SourcesTable {
  id: string;
  kind: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  importer: string;
  importer_version: string;
  imported_at: string;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
}

export interface RegionsTable {
  iso_code: string;
  country: string;
  level: string;
  name_en: string;
  name_uk: string;
  name_ru: string;
}

export interface RegionNamesTable {
  name_key: string;
  name: string;
  iso_code: string;
  lang: string;
}

export interface MissileModelsTable {
  id: string;
  name: string;
  category: string;
  /** JSON array of member model ids; '[]' for a single type. */
  members_json: string;
  recognised: number;
}

export interface ModelAliasesTable {
  alias_key: string;
  alias: string;
  model_id: string;
}

export interface AttackReportsTable {
  id: string;
  source_id: string;
  source_line: number;
  split_index: number;
  attribution: string;
  model_label: string;
  model_id: string | null;
  model_ids_json: string;
  time_start_utc: string;
  time_end_utc: string;
  time_precision: string;
  time_start_raw: string;
  time_end_raw: string;
  launched: number | null;
  destroyed: number | null;
  destroyed_base: number | null;
  not_reach_goal: number | null;
  still_attacking: number | null;
  num_hit_location: number | null;
  num_fall_fragment_location: number | null;
  launch_place_raw: string;
  target_raw: string;
  carrier_raw: string;
  places_id: string;
  source_ref: string;
  notes: string;
  /** Every field of the published row as its original text (JSON object, header -> text). */
  raw_json: string;
}

/**
 * The places a report names, as a shared set: rows that name the same places (most of them) point to one set,
 * so an import writes one row per report, not one per place.
 */
export interface PlaceSetsTable {
  id: string;
}

export interface PlaceSetMembersTable {
  set_id: string;
  role: string;
  ordinal: number;
  raw: string;
  kind: string;
  iso_code: string | null;
  direction: string | null;
  note: string | null;
}

export interface IncidentsTable {
  id: string;
  source_id: string;
  source_line: number;
  occurred_at_utc: string;
  occurred_at_raw: string;
  lat: number | null;
  lon: number | null;
  location_precision_m: number | null;
  target_region_iso: string | null;
  target_region_raw: string;
  launch_region_iso: string | null;
  launch_region_raw: string;
  launch_lat: number | null;
  launch_lon: number | null;
  model_claimed_raw: string;
  model_claimed_id: string | null;
  outcome: string;
  debris_recovered: number | null;
  identified_type: string | null;
  killed: number | null;
  injured: number | null;
  source_url: string;
  notes: string;
  content_sha256: string;
}

export interface CnsTestsTable {
  id: string;
  source_id: string;
  source_row: number;
  origin: string;
  date_utc: string;
  date_precision: string;
  time_utc: string | null;
  missile_key: string;
  missile_name: string;
  missile_class: string | null;
  facility_key: string;
  facility_name: string | null;
  facility_lat: number | null;
  facility_lon: number | null;
  landing: string | null;
  apogee_km: number | null;
  distance_km: number | null;
  bearing_deg: number | null;
  outcome: string;
  description: string;
  raw_json: string;
}

export interface Database extends EvidenceTables, AnalysisTables, AccountTables, BoundaryTables {
  sources: SourcesTable;
  regions: RegionsTable;
  region_names: RegionNamesTable;
  missile_models: MissileModelsTable;
  model_aliases: ModelAliasesTable;
  attack_reports: AttackReportsTable;
  place_sets: PlaceSetsTable;
  place_set_members: PlaceSetMembersTable;
  incidents: IncidentsTable;
  cns_tests: CnsTestsTable;
}

export type { Generated };
