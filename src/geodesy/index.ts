export * from './wgs84.js';
export * from './ecef.js';
export * from './enu.js';
export * from './look-angles.js';
export * from './geodesic.js';
export * from './horizon.js';
