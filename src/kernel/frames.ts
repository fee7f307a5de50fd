import type { Degrees, Meters } from './units.js';

/** A point on the WGS84 ellipsoid: geodetic latitude/longitude in degrees, height above the ellipsoid in metres. */
export interface LatLonAlt {
  readonly latDeg: Degrees;
  readonly lonDeg: Degrees;
  readonly altM: Meters;
}

declare const frame: unique symbol;
/** A 3-vector tagged with its frame, so ECEF and ENU vectors cannot be mixed by accident. Components in metres
 * (or metres per second for velocities; the name of the variable says which). */
export type Vec3<F extends string> = readonly [number, number, number] & { readonly [frame]: F };
/** Earth-centred, Earth-fixed (WGS84), metres. */
export type EcefVec3 = Vec3<'ECEF'>;
/** Local east-north-up about a stated origin, metres. */
export type EnuVec3 = Vec3<'ENU'>;

export const ecef = (x: number, y: number, z: number): EcefVec3 => [x, y, z] as unknown as EcefVec3;
export const enu = (e: number, n: number, u: number): EnuVec3 => [e, n, u] as unknown as EnuVec3;
