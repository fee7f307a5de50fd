import { enu, ecef, toRadians } from '../kernel/index.js';
import type { EcefVec3, EnuVec3, LatLonAlt } from '../kernel/index.js';
import { geodeticRadToEcef } from './ecef.js';

/**
 * A local east-north-up frame at a geodetic origin: the ECEF position of the origin and the ECEF unit vectors
 * of its east, north and up axes (up = the ellipsoid normal). Exact (a rotation and a translation).
 */
export interface EnuFrame {
  readonly originEcef: readonly [number, number, number];
  readonly east: readonly [number, number, number];
  readonly north: readonly [number, number, number];
  readonly up: readonly [number, number, number];
}

/** The ENU frame at geodetic latitude/longitude (radians) and height (metres). */
export function enuFrameRad(latRad: number, lonRad: number, hM: number): EnuFrame {
  const o = [0, 0, 0];
  geodeticRadToEcef(latRad, lonRad, hM, o);
  const sLat = Math.sin(latRad);
  const cLat = Math.cos(latRad);
  const sLon = Math.sin(lonRad);
  const cLon = Math.cos(lonRad);
  return {
    originEcef: [o[0] as number, o[1] as number, o[2] as number],
    east: [-sLon, cLon, 0],
    north: [-sLat * cLon, -sLat * sLon, cLat],
    up: [cLat * cLon, cLat * sLon, sLat],
  };
}

/** The ENU frame at a geodetic point given in degrees and metres. */
export function enuFrame(origin: LatLonAlt): EnuFrame {
  return enuFrameRad(toRadians(origin.latDeg), toRadians(origin.lonDeg), origin.altM);
}

/** ECEF point to ENU coordinates (metres) in `frame`. */
export function ecefToEnu(frame: EnuFrame, p: EcefVec3): EnuVec3 {
  const d0 = p[0] - frame.originEcef[0];
  const d1 = p[1] - frame.originEcef[1];
  const d2 = p[2] - frame.originEcef[2];
  return enu(dot(frame.east, d0, d1, d2), dot(frame.north, d0, d1, d2), dot(frame.up, d0, d1, d2));
}

/** ENU coordinates (metres) in `frame` to an ECEF point. */
export function enuToEcef(frame: EnuFrame, v: EnuVec3): EcefVec3 {
  const [e, n, u] = v;
  const { east: E, north: N, up: U, originEcef: O } = frame;
  return ecef(
    O[0] + e * E[0] + n * N[0] + u * U[0],
    O[1] + e * E[1] + n * N[1] + u * U[1],
    O[2] + e * E[2] + n * N[2] + u * U[2],
  );
}

/** Rotates an ECEF direction (a velocity, say) into the ENU axes of `frame` (no translation). */
export function ecefDirectionToEnu(frame: EnuFrame, d: readonly [number, number, number]): EnuVec3 {
  return enu(
    dot(frame.east, d[0], d[1], d[2]),
    dot(frame.north, d[0], d[1], d[2]),
    dot(frame.up, d[0], d[1], d[2]),
  );
}

const dot = (u: readonly [number, number, number], x: number, y: number, z: number): number =>
  u[0] * x + u[1] * y + u[2] * z;
