export * from './intervals.js';
export * from './rates.js';
export * from './missing-data.js';
export * from './trend.js';
export * from './cep.js';
