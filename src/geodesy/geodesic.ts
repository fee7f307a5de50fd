import geographiclib from 'geographiclib-geodesic';
import { degrees, meters } from '../kernel/index.js';
import type { Degrees, Meters } from '../kernel/index.js';

const WGS84 = geographiclib.Geodesic.WGS84;
const INVERSE_MASK = geographiclib.Geodesic.DISTANCE | geographiclib.Geodesic.AZIMUTH;
const DIRECT_MASK =
  geographiclib.Geodesic.LATITUDE | geographiclib.Geodesic.LONGITUDE | geographiclib.Geodesic.AZIMUTH;

/** Result of the geodesic inverse problem on WGS84. */
export interface GeodesicInverse {
  readonly distanceM: Meters;
  /** Azimuth at the first point, degrees clockwise from north, (-180, 180]. */
  readonly azimuth1Deg: Degrees;
  /** Forward azimuth at the second point, degrees clockwise from north. */
  readonly azimuth2Deg: Degrees;
}

/** Result of the geodesic direct problem on WGS84. */
export interface GeodesicDirect {
  readonly latDeg: Degrees;
  readonly lonDeg: Degrees;
  /** Forward azimuth at the end point, degrees clockwise from north. */
  readonly azimuth2Deg: Degrees;
}

/**
 * Shortest geodesic between two points on the WGS84 ellipsoid (Karney 2013, J. Geodesy 87:43–55, through
 * geographiclib-geodesic). Accuracy: 15 nm in distance, for any pair of points (antipodal included).
 */
export function geodesicInverse(
  lat1Deg: number,
  lon1Deg: number,
  lat2Deg: number,
  lon2Deg: number,
): GeodesicInverse {
  const r = WGS84.Inverse(lat1Deg, lon1Deg, lat2Deg, lon2Deg, INVERSE_MASK);
  return {
    distanceM: meters(r.s12 ?? Number.NaN),
    azimuth1Deg: degrees(r.azi1 ?? Number.NaN),
    azimuth2Deg: degrees(r.azi2 ?? Number.NaN),
  };
}

/**
 * The point at distance `distanceM` along the geodesic leaving (lat, lon) at `azimuthDeg` (Karney 2013,
 * through geographiclib-geodesic). Accuracy: 15 nm. Longitudes are reduced to [-180, 180].
 */
export function geodesicDirect(
  latDeg: number,
  lonDeg: number,
  azimuthDeg: number,
  distanceM: number,
): GeodesicDirect {
  const r = WGS84.Direct(latDeg, lonDeg, azimuthDeg, distanceM, DIRECT_MASK);
  return {
    latDeg: degrees(r.lat2 ?? Number.NaN),
    lonDeg: degrees(r.lon2 ?? Number.NaN),
    azimuth2Deg: degrees(r.azi2 ?? Number.NaN),
  };
}
