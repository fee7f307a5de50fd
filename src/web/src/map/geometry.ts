/**
 * Display geometry. The exact ellipse polygons come from the server (reconstructionGeoJson, geodesic on WGS84);
 * `ellipseRing` is the fallback for a result without its GeoJSON: each vertex's north offset is turned into
 * latitude with the meridional radius of curvature, its east offset into longitude with the prime-vertical radius
 * at the mid latitude. Against the geodesic polygon the error grows as the square of the size (meridian
 * convergence), about 4.6e-8 m per m² of semi-major axis at 51° N: 0.5 mm at 100 m, 5 cm at 1 km, 0.4 m at 3 km,
 * 4.6 m at 10 km — below a pixel whenever the whole ellipse is on screen (test/web/logic.test.ts). For display
 * only, never for figures.
 */
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

export function radiiOfCurvature(latDeg: number): { m: number; n: number } {
  const s = Math.sin(latDeg * RAD);
  const w = Math.sqrt(1 - E2 * s * s);
  return { m: (A * (1 - E2)) / (w * w * w), n: A / w };
}

export type Ring = [number, number][];

/** Closed ring (lon, lat) of an ellipse: semi-axes in metres, orientation = azimuth of the major axis. */
export function ellipseRing(
  latDeg: number,
  lonDeg: number,
  e: { semiMajorM: number; semiMinorM: number; orientationDeg: number },
  vertices = 72,
): Ring {
  const { m } = radiiOfCurvature(latDeg);
  const phi = e.orientationDeg * RAD;
  const ring: Ring = [];
  for (let i = 0; i <= vertices; i++) {
    const t = (2 * Math.PI * (i % vertices)) / vertices;
    const east = e.semiMajorM * Math.cos(t) * Math.sin(phi) + e.semiMinorM * Math.sin(t) * Math.cos(phi);
    const north = e.semiMajorM * Math.cos(t) * Math.cos(phi) - e.semiMinorM * Math.sin(t) * Math.sin(phi);
    const lat = latDeg + north / m / RAD;
    // East-west at the mid latitude of the offset (the parallel shrinks as one moves north).
    const mid = (latDeg + lat) / 2;
    const nMid = radiiOfCurvature(mid).n;
    ring.push([lonDeg + east / (nMid * Math.cos(mid * RAD)) / RAD, lat]);
  }
  return ring;
}

/** A gently curved line from launch to impact (a display arc, not a trajectory): a quadratic Bézier. */
export function arc(lon0: number, lat0: number, lon1: number, lat1: number, steps = 24): [number, number][] {
  const dx = lon1 - lon0;
  const dy = lat1 - lat0;
  const cx = (lon0 + lon1) / 2 - dy * 0.18;
  const cy = (lat0 + lat1) / 2 + dx * 0.18;
  const out: [number, number][] = [];
  for (let k = 0; k <= steps; k++) {
    const s = k / steps;
    const a = (1 - s) * (1 - s);
    const b = 2 * (1 - s) * s;
    const c = s * s;
    out.push([a * lon0 + b * cx + c * lon1, a * lat0 + b * cy + c * lat1]);
  }
  return out;
}

/** Ground distance in metres between consecutive (lon, lat) vertices, accumulated (for the profile plot axis). */
export function alongTrack(coords: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  let d = 0;
  for (let i = 0; i < coords.length; i++) {
    if (i > 0) {
      const [lo0, la0] = coords[i - 1] as [number, number];
      const [lo1, la1] = coords[i] as [number, number];
      const lat = ((la0 + la1) / 2) * RAD;
      const { m, n } = radiiOfCurvature((la0 + la1) / 2);
      const de = (lo1 - lo0) * RAD * n * Math.cos(lat);
      const dn = (la1 - la0) * RAD * m;
      d += Math.hypot(de, dn);
    }
    out.push(d);
  }
  return out;
}

/** Pixels per metre at zoom 0 on a 512 px Web Mercator world at latitude `latDeg`. */
export const pxPerMetreZ0 = (latDeg: number): number => 512 / (2 * Math.PI * A * Math.cos(latDeg * RAD));
