export * from './units.js';
export * from './frames.js';
export * from './result.js';
export * from './time.js';
export * from './rng.js';
export * from './motor-template.js';
