export * from './common.js';
export * from './registry.js';
export * from './stats.js';
export * from './evidence.js';
export * from './accounts.js';
export * from './system.js';
export * from './analysis.js';
export * from './geojson.js';
