export * from './catalogue/index.js';
export * from './features.js';
export * from './likelihood.js';
export * from './identify.js';
export * from './explain.js';
export * from './calibration.js';
