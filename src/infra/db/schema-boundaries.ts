export interface BoundariesTable {
  id: string;
  source_id: string;
  iso_code: string;
  country: string;
  name: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  geometry_json: string;
  note: string;
  properties_json: string;
}

export interface BoundaryTables {
  boundaries: BoundariesTable;
}
