import { EARTH_MEAN_RADIUS_M } from './wgs84.js';

/** Effective Earth radius factor of the standard atmosphere for radio propagation (ITU-R P.453 / P.834). */
export const STANDARD_REFRACTION_K = 4 / 3;

/**
 * Lowest target height (metres above the surface) in line of sight from a site at `siteAltM`, at a ground
 * (great-circle) distance `groundRangeM`, over a sphere of radius k R (R = mean Earth radius, k = 4/3).
 *
 * Model: straight rays over an Earth of effective radius kR, which accounts for standard atmospheric refraction
 * (the "4/3-Earth" model). The ray from the site grazing the surface reaches the central angle
 * theta_s = acos(kR / (kR + h_site)); beyond it a target at central angle theta is visible iff
 * h >= kR / cos(theta - theta_s) - kR. Accuracy: the 4/3 model itself is good to a few per cent of the horizon
 * range in a standard atmosphere; anomalous propagation (ducting) and terrain masking are not modelled.
 * Validity: theta - theta_s < pi/2 (distances under ~13,000 km); beyond, returns Infinity.
 */
export function radarHorizonAltitudeM(
  groundRangeM: number,
  siteAltM: number,
  k = STANDARD_REFRACTION_K,
): number {
  const kr = k * EARTH_MEAN_RADIUS_M;
  const thetaSite = Math.acos(kr / (kr + Math.max(0, siteAltM)));
  const theta = groundRangeM / kr - thetaSite;
  if (theta <= 0) return 0;
  if (theta >= Math.PI / 2) return Number.POSITIVE_INFINITY;
  return kr / Math.cos(theta) - kr;
}

/**
 * Maximum line-of-sight distance (along the ground, great circle on the kR sphere) between a site and a target
 * at the given heights over a 4/3 Earth: kR (acos(kR / (kR + h1)) + acos(kR / (kR + h2))). To first order this is
 * the familiar 4.12 (sqrt h1 + sqrt h2) km rule for heights in metres. Exact within the 4/3-Earth model.
 */
export function radarHorizonRangeM(siteAltM: number, targetAltM: number, k = STANDARD_REFRACTION_K): number {
  const kr = k * EARTH_MEAN_RADIUS_M;
  return kr * (Math.acos(kr / (kr + Math.max(0, siteAltM))) + Math.acos(kr / (kr + Math.max(0, targetAltM))));
}

/** True when a target at `targetAltM` and ground distance `groundRangeM` is above the site's 4/3-Earth horizon. */
export function isAboveRadarHorizon(
  groundRangeM: number,
  siteAltM: number,
  targetAltM: number,
  k = STANDARD_REFRACTION_K,
): boolean {
  return targetAltM >= radarHorizonAltitudeM(groundRangeM, siteAltM, k);
}
