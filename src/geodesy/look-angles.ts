import { enu, meters, radians } from '../kernel/index.js';
import type { EcefVec3, Meters, Radians } from '../kernel/index.js';
import type { EnuFrame } from './enu.js';
import { ecefToEnu, enuToEcef } from './enu.js';

/** Azimuth (clockwise from geodetic north, [0, 2 pi)), elevation above the local horizontal plane and slant range. */
export interface LookAngles {
  readonly azRad: Radians;
  readonly elRad: Radians;
  readonly rangeM: Meters;
}

/**
 * Look angles from a site (its ENU frame) to an ECEF point. Model: geometric line of sight, no refraction
 * (callers that need refraction model it on the elevation). Exact. The azimuth is undefined at the zenith
 * (returned as atan2(0, 0) = 0).
 */
export function lookAngles(site: EnuFrame, target: EcefVec3): LookAngles {
  const [e, n, u] = ecefToEnu(site, target);
  const horiz = Math.hypot(e, n);
  let az = Math.atan2(e, n);
  if (az < 0) az += 2 * Math.PI;
  return { azRad: radians(az), elRad: radians(Math.atan2(u, horiz)), rangeM: meters(Math.hypot(horiz, u)) };
}

/** The ECEF point seen from `site` at the given look angles (inverse of {@link lookAngles}). Exact. */
export function pointAt(site: EnuFrame, look: LookAngles): EcefVec3 {
  const c = Math.cos(look.elRad);
  return enuToEcef(
    site,
    enu(
      look.rangeM * c * Math.sin(look.azRad),
      look.rangeM * c * Math.cos(look.azRad),
      look.rangeM * Math.sin(look.elRad),
    ),
  );
}

/** Angle difference a - b wrapped to (-pi, pi]. */
export function wrapAngleRad(d: number): number {
  let r = d % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  else if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}
