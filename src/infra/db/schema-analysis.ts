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
}

export interface AnalysisTables {
  analysis_runs: AnalysisRunsTable;
}
