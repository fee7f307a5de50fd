export * from './schema.js';
export * from './parse.js';
export * from './diff.js';
export * from './aliases.js';
