import { degrees, ecef, meters, toDegrees, toRadians } from '../kernel/index.js';
import type { EcefVec3, LatLonAlt, Radians } from '../kernel/index.js';
import { WGS84_A_M, WGS84_B_M, WGS84_E2, WGS84_EP2 } from './wgs84.js';

// Plain module-level copies for the hot paths (re-exported bindings can become getter calls when transpiled).
const A = WGS84_A_M;
const B = WGS84_B_M;
const E2 = WGS84_E2;
const EP2 = WGS84_EP2;

/**
 * Geodetic (latitude, longitude in radians, height above the WGS84 ellipsoid in metres) to ECEF, written into
 * `out` (a reusable 3-array) for the hot path of the dynamics.
 *
 * Model: the closed form X = (N + h) cos(lat) cos(lon), Y = (N + h) cos(lat) sin(lon), Z = (N (1 - e^2) + h)
 * sin(lat) with N = a / sqrt(1 - e^2 sin^2 lat). Exact up to floating-point rounding (< 1e-8 m for |h| <
 * 1e7 m). Valid everywhere.
 */
export function geodeticRadToEcef(latRad: number, lonRad: number, hM: number, out: number[]): void {
  const sLat = Math.sin(latRad);
  const cLat = Math.cos(latRad);
  const n = A / Math.sqrt(1 - E2 * sLat * sLat);
  out[0] = (n + hM) * cLat * Math.cos(lonRad);
  out[1] = (n + hM) * cLat * Math.sin(lonRad);
  out[2] = (n * (1 - E2) + hM) * sLat;
}

/**
 * ECEF to geodetic (latitude, longitude in radians, height in metres) written into `out`.
 *
 * Model: Heikkinen's closed form (1982) as given by Zhu (IEEE Trans. AES 30(3), 1994), followed by one
 * Newton-type refinement of latitude (Bowring's update), so that it is exact to rounding at any height.
 * Accuracy: round trip with {@link geodeticRadToEcef} agrees to < 1e-6 m in height and < 1e-12 rad in
 * latitude for heights from -50 km to 10,000 km (tested). Validity: not for points within ~50 km of the
 * Earth's centre (not a case of this software); on the polar axis longitude is returned as 0 or atan2(y, x).
 */
export function ecefToGeodeticRad(x: number, y: number, z: number, out: number[]): void {
  const a = A;
  const b = B;
  const e2 = E2;
  const p2 = x * x + y * y;
  const p = Math.sqrt(p2);
  const lon = Math.atan2(y, x);
  const z2 = z * z;
  const f = 54 * b * b * z2;
  const g = p2 + (1 - e2) * z2 - e2 * (a * a - b * b);
  const c = (e2 * e2 * f * p2) / (g * g * g);
  const s = Math.cbrt(1 + c + Math.sqrt(c * c + 2 * c));
  const k = s + 1 + 1 / s;
  const pp = f / (3 * k * k * g * g);
  const q = Math.sqrt(1 + 2 * e2 * e2 * pp);
  const r0 =
    (-pp * e2 * p) / (1 + q) +
    Math.sqrt(Math.max(0, 0.5 * a * a * (1 + 1 / q) - (pp * (1 - e2) * z2) / (q * (1 + q)) - 0.5 * pp * p2));
  const pe = p - e2 * r0;
  const v = Math.sqrt(pe * pe + (1 - e2) * z2);
  const z0 = (b * b * z) / (a * v);
  let lat = Math.atan2(z + EP2 * z0, p);
  // One refinement: height from the current latitude, then latitude from that height (Bowring's step).
  let sLat = Math.sin(lat);
  let cLat = Math.cos(lat);
  let n = a / Math.sqrt(1 - e2 * sLat * sLat);
  let h = p * cLat + z * sLat - (a * a) / n;
  lat = Math.atan2(z, p * (1 - (e2 * n) / (n + h)));
  sLat = Math.sin(lat);
  cLat = Math.cos(lat);
  n = a / Math.sqrt(1 - e2 * sLat * sLat);
  h = p * cLat + z * sLat - (a * a) / n;
  out[0] = lat;
  out[1] = lon;
  out[2] = h;
}

/** Height above the WGS84 ellipsoid of an ECEF point, metres (see {@link ecefToGeodeticRad}). */
export function ecefHeightM(x: number, y: number, z: number): number {
  const o = [0, 0, 0];
  ecefToGeodeticRad(x, y, z, o);
  return o[2] as number;
}

/** Geodetic (degrees, metres) to ECEF (metres). Accuracy as {@link geodeticRadToEcef}. */
export function geodeticToEcef(p: LatLonAlt): EcefVec3 {
  const o = [0, 0, 0];
  geodeticRadToEcef(toRadians(p.latDeg), toRadians(p.lonDeg), p.altM, o);
  return ecef(o[0] as number, o[1] as number, o[2] as number);
}

/** ECEF (metres) to geodetic (degrees, metres). Accuracy as {@link ecefToGeodeticRad}. */
export function ecefToGeodetic(v: EcefVec3): LatLonAlt {
  const o = [0, 0, 0];
  ecefToGeodeticRad(v[0], v[1], v[2], o);
  return {
    latDeg: toDegrees(o[0] as Radians),
    lonDeg: degrees(normaliseLonDeg(toDegrees(o[1] as Radians))),
    altM: meters(o[2] as number),
  };
}

/** Longitude reduced to [-180, 180). */
export function normaliseLonDeg(lonDeg: number): number {
  const r = (((lonDeg + 180) % 360) + 360) % 360;
  return r - 180;
}

/**
 * Height above the ellipsoid and the sine and cosine of geodetic latitude of an ECEF point, written into `out`
 * [h, sinLat, cosLat]: the hot path of the dynamics (density and local vertical at every RK4 stage).
 *
 * Model: Bowring's (1976) single-iteration formula in algebraic form (no trigonometric calls): parametric latitude
 * from z a / (p b), then tan(lat) = (z + e'^2 b sin^3) / (p - e^2 a cos^3), h = p cos(lat) + z sin(lat) - a^2 / N.
 * Accuracy: < 1 mm in height for heights from -10 km to 1,000 km at any latitude (tested against
 * {@link ecefToGeodeticRad}). Validity: not near the Earth's centre.
 */
export function ecefHeightFast(x: number, y: number, z: number, out: number[]): void {
  const a = A;
  const b = B;
  const p = Math.sqrt(x * x + y * y);
  const t = (z * a) / (p * b);
  const cb = 1 / Math.sqrt(1 + t * t);
  const sb = t * cb;
  const num = z + EP2 * b * sb * sb * sb;
  const den = p - E2 * a * cb * cb * cb;
  const hyp = Math.sqrt(num * num + den * den);
  const sLat = num / hyp;
  const cLat = den / hyp;
  const n = a / Math.sqrt(1 - E2 * sLat * sLat);
  out[0] = p * cLat + z * sLat - (a * a) / n;
  out[1] = sLat;
  out[2] = cLat;
}
