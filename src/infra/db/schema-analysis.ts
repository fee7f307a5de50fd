export interface AnalysisRunsTable {
  id: string;
  kind: string;
  incident_id: string | null;
  created_at: string;
  method_name: string;
  method_version: string;
  config_json: string;
  input_sha256: string;
  input_text: string;
  result_json: string;
  /** A reconstruction's GeoJSON (migration 0009); null for older runs and identifications. */
  geojson_json: string | null;
}

export interface AnalysisTables {
  analysis_runs: AnalysisRunsTable;
}
