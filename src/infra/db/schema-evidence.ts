/** Kysely types of the evidence locker and tracing tables (migration 0002_evidence). */
export interface EvidenceItemsTable {
  id: string;
  incident_id: string;
  kind: string;
  media: string;
  sensitivity: string;
  title: string;
  description: string | null;
  sha256: string | null;
  size_bytes: number | string | null;
  file_name: string | null;
  mime_type: string | null;
  url: string | null;
  captured_at: string | null;
  capture_tool: string | null;
  parent_id: string | null;
  depicts_id: string | null;
  seal_number: string | null;
  bag_number: string | null;
  found_lat: number | null;
  found_lon: number | null;
  found_precision: string | null;
  found_within_m: number | null;
  found_place: string | null;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  mass_g: number | null;
  custodian: string;
  storage_location: string | null;
  current_seal: string | null;
  current_bag: string | null;
  /** EXIF/XMP as JSON text. */
  metadata_json: string | null;
  perceptual_hash: string | null;
  created_at: string;
  head_hash: string;
  event_count: number;
}

/** The append-only custody log; `record` is the canonical JSON that `hash` and `signature` cover. */
export interface EvidenceEventsTable {
  idx: number;
  item_id: string;
  event: string;
  actor: string;
  at: string;
  key_id: string;
  prev_hash: string;
  item_prev_hash: string | null;
  hash: string;
  signature: string;
  record: string;
}

export interface EvidenceKeysTable {
  id: string;
  actor: string;
  algorithm: string;
  public_key: string;
  valid_from: string;
  valid_until: string | null;
}

export interface EvidenceCheckpointsTable {
  ordinal: number;
  size: number;
  root: string;
  at: string;
  actor: string;
  key_id: string;
  record: string;
  signature: string;
}

export interface EvidenceVerificationsTable {
  event_idx: number;
  item_id: string;
  strand: string;
  conclusion: string;
  notes: string;
  reviewer: string;
  at: string;
}

export interface TraceComponentsTable {
  id: string;
  item_id: string;
  marking: string;
  manufacturer_raw: string | null;
  manufacturer: string | null;
  hq_country: string | null;
  part_number: string | null;
  lot: string | null;
  date_code_raw: string | null;
  date_code_format: string | null;
  produced_from: string | null;
  produced_to: string | null;
  date_confidence: number | null;
  date_note: string | null;
  notes: string | null;
  event_idx: number;
  created_at: string;
}

export interface TraceRequestsTable {
  id: string;
  item_id: string;
  component_id: string | null;
  addressee: string;
  addressee_kind: string;
  question: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface TraceUpdatesTable {
  event_idx: number;
  request_id: string;
  status: string;
  text: string | null;
  at: string;
  actor: string;
}

export interface EvidenceTables {
  evidence_items: EvidenceItemsTable;
  evidence_events: EvidenceEventsTable;
  evidence_keys: EvidenceKeysTable;
  evidence_checkpoints: EvidenceCheckpointsTable;
  evidence_verifications: EvidenceVerificationsTable;
  trace_components: TraceComponentsTable;
  trace_requests: TraceRequestsTable;
  trace_updates: TraceUpdatesTable;
}
