export type { ExportRecord } from './model.js';
export { exportGeoJson, reconstructionFeatures } from './geojson.js';
export { exportKml } from './kml.js';
export { exportCsv, CSV_COLUMNS } from './csv.js';
