/**
 * WGS84 ellipsoid constants (NIMA TR8350.2, 3rd ed., 2000, table 3.1 and 3.3): semi-major axis a, flattening f
 * and the quantities derived from them. Earth rotation rate and GM are the values issue 3 fixes for dynamics.
 */
export const WGS84_A_M = 6378137;
export const WGS84_F = 1 / 298.257223563;
export const WGS84_B_M = WGS84_A_M * (1 - WGS84_F);
/** First eccentricity squared e^2 = f (2 - f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Second eccentricity squared e'^2 = e^2 / (1 - e^2). */
export const WGS84_EP2 = WGS84_E2 / (1 - WGS84_E2);
/** Mean Earth radius R1 = (2a + b) / 3 (IUGG), metres. */
export const EARTH_MEAN_RADIUS_M = (2 * WGS84_A_M + WGS84_B_M) / 3;
/** Earth rotation rate, rad/s (WGS84). */
export const EARTH_OMEGA_RAD_PER_S = 7.292115e-5;
/** Geocentric gravitational constant GM, m^3/s^2 (WGS84, including the atmosphere). */
export const EARTH_GM_M3_PER_S2 = 3.986004418e14;
/** Second zonal harmonic J2 (unnormalised), as issue 3 fixes it. */
export const EARTH_J2 = 1.08262668e-3;
