import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { degrees, ecef, enu, meters, radians } from '../kernel/index.js';
import {
  ecefToEnu,
  ecefToGeodetic,
  ecefToGeodeticRad,
  enuFrame,
  enuToEcef,
  geodesicDirect,
  geodesicInverse,
  geodeticRadToEcef,
  geodeticToEcef,
  isAboveRadarHorizon,
  lookAngles,
  pointAt,
  radarHorizonAltitudeM,
  radarHorizonRangeM,
  wrapAngleRad,
} from './index.js';

const dms = (d: number, m: number, s: number): number => d + m / 60 + s / 3600;

describe('geodetic <-> ECEF', () => {
  // IOGP Guidance Note 7-2 (EPSG method 9602), worked example for WGS84: 53°48'33.820"N, 2°07'46.380"E,
  // h = 73.0 m -> X = 3771793.968 m, Y = 140253.342 m, Z = 5124304.349 m (printed to 1 mm).
  const epsg = { latDeg: degrees(dms(53, 48, 33.82)), lonDeg: degrees(dms(2, 7, 46.38)), altM: meters(73) };
  it('matches the IOGP/EPSG 9602 worked example to 1 mm', () => {
    const [x, y, z] = geodeticToEcef(epsg);
    expect(Math.abs(x - 3771793.968)).toBeLessThan(1e-3);
    expect(Math.abs(y - 140253.342)).toBeLessThan(1e-3);
    expect(Math.abs(z - 5124304.349)).toBeLessThan(1e-3);
  });
  it('inverts the IOGP/EPSG 9602 worked example to 1e-9 deg and 1 mm', () => {
    const g = ecefToGeodetic(ecef(3771793.968, 140253.342, 5124304.349));
    expect(Math.abs(g.latDeg - epsg.latDeg)).toBeLessThan(1e-8);
    expect(Math.abs(g.lonDeg - epsg.lonDeg)).toBeLessThan(1e-8);
    expect(Math.abs(g.altM - 73)).toBeLessThan(1e-3);
  });
  it('puts the equator, the poles and the prime meridian where the ellipsoid axes are (exact)', () => {
    const eq = geodeticToEcef({ latDeg: degrees(0), lonDeg: degrees(90), altM: meters(0) });
    expect(eq[0]).toBeCloseTo(0, 6);
    expect(eq[1]).toBeCloseTo(6378137, 6);
    const pole = geodeticToEcef({ latDeg: degrees(90), lonDeg: degrees(0), altM: meters(100) });
    expect(pole[2]).toBeCloseTo(6356752.314245 + 100, 5);
    const back = ecefToGeodetic(pole);
    expect(back.latDeg).toBeCloseTo(90, 10);
    expect(back.altM).toBeCloseTo(100, 6);
  });
  it('round-trips ECEF -> geodetic -> ECEF to < 1e-6 m from -50 km to 10,000 km height', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: -50e3, max: 1e7, noNaN: true }),
        (lat, lon, h) => {
          const p = [0, 0, 0];
          geodeticRadToEcef(lat, lon, h, p);
          const g = [0, 0, 0];
          ecefToGeodeticRad(p[0]!, p[1]!, p[2]!, g);
          const q = [0, 0, 0];
          geodeticRadToEcef(g[0]!, g[1]!, g[2]!, q);
          const d = Math.hypot(q[0]! - p[0]!, q[1]! - p[1]!, q[2]! - p[2]!);
          expect(d).toBeLessThan(1e-6);
          expect(Math.abs(g[2]! - h)).toBeLessThan(1e-6);
          expect(Math.abs(g[0]! - lat)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('ENU and look angles', () => {
  const site = enuFrame({ latDeg: degrees(50), lonDeg: degrees(36.25), altM: meters(150) });
  it('round-trips ENU -> ECEF -> ENU to < 1e-6 m', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e5, max: 1e6, noNaN: true }),
        (e, n, u) => {
          const back = ecefToEnu(site, enuToEcef(site, enu(e, n, u)));
          expect(Math.hypot(back[0] - e, back[1] - n, back[2] - u)).toBeLessThan(1e-6);
        },
      ),
    );
  });
  it('gives the ellipsoid normal as up: a point straight above is at elevation 90 deg (1e-12 rad)', () => {
    const above = geodeticToEcef({ latDeg: degrees(50), lonDeg: degrees(36.25), altM: meters(10150) });
    const la = lookAngles(site, above);
    expect(la.elRad).toBeCloseTo(Math.PI / 2, 12);
    expect(la.rangeM).toBeCloseTo(10000, 6);
  });
  it('gives azimuth 0 to a point due north and 90 deg to one due east on the horizon plane', () => {
    expect(lookAngles(site, enuToEcef(site, enu(0, 1000, 0))).azRad).toBeCloseTo(0, 12);
    const east = lookAngles(site, enuToEcef(site, enu(1000, 0, 0)));
    expect(east.azRad).toBeCloseTo(Math.PI / 2, 12);
    expect(east.elRad).toBeCloseTo(0, 12);
  });
  it('round-trips look angles -> point -> look angles', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 * Math.PI - 1e-9, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: 100, max: 2e6, noNaN: true }),
        (az, el, r) => {
          const la = lookAngles(
            site,
            pointAt(site, { azRad: radians(az), elRad: radians(el), rangeM: meters(r) }),
          );
          expect(Math.abs(wrapAngleRad(la.azRad - az))).toBeLessThan(1e-9);
          expect(Math.abs(la.elRad - el)).toBeLessThan(1e-9);
          expect(Math.abs(la.rangeM - r)).toBeLessThan(1e-6);
        },
      ),
    );
  });
});

describe('geodesic façade (geographiclib-geodesic)', () => {
  // The two examples of the geographiclib-geodesic README (Karney), printed to 1 mm and 1e-8 deg.
  it('Wellington -> Salamanca is 19959679.267 m', () => {
    const r = geodesicInverse(-41.32, 174.81, 40.96, -5.5);
    expect(Math.abs(r.distanceM - 19959679.267)).toBeLessThan(1e-3);
  });
  it('20,000 km SW of Perth is (32.11195529, -63.95925278)', () => {
    const r = geodesicDirect(-32.06, 115.74, 225, 20000e3);
    expect(Math.abs(r.latDeg - 32.11195529)).toBeLessThan(1e-8);
    expect(Math.abs(r.lonDeg - -63.95925278)).toBeLessThan(1e-8);
  });
  // The azimuth of a short line is only as good as its end points: a double holds a longitude near 128° to
  // ~3e-14° (~3e-9 m), so over s metres the recovered azimuth can be off by ~3e-9 / s rad. Hence the
  // tolerance 1e-9 rad + 1e-8 m / s (found by fast-check: s = 1 m at the equator gave 1.0000005e-9 rad).
  it('inverse(direct(x)) = x to 1e-6 m, and the azimuth to 1e-9 rad + 1e-8 m / s', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -179, max: 180, noNaN: true }),
        fc.double({ min: 1, max: 5e6, noNaN: true }),
        (lat, lon, az, s) => {
          const d = geodesicDirect(lat, lon, az, s);
          const inv = geodesicInverse(lat, lon, d.latDeg, d.lonDeg);
          expect(Math.abs(inv.distanceM - s)).toBeLessThan(1e-6);
          expect(Math.abs(wrapAngleRad(((inv.azimuth1Deg - az) * Math.PI) / 180))).toBeLessThan(
            1e-9 + 1e-8 / s,
          );
        },
      ),
      { examples: [[0, 128.00000015677765, -178.9999999895951, 1]] },
    );
  });
});

describe('4/3-Earth radar horizon', () => {
  it('follows the 4.12 (sqrt h1 + sqrt h2) km rule (to 0.2 % below 10 km)', () => {
    const d = radarHorizonRangeM(100, 10_000);
    expect(Math.abs(d / (4120 * (10 + 100)) - 1)).toBeLessThan(2e-3);
  });
  it('is consistent between horizon altitude and horizon range (to 1e-9)', () => {
    const d = radarHorizonRangeM(30, 20_000);
    expect(Math.abs(radarHorizonAltitudeM(d, 30) / 20_000 - 1)).toBeLessThan(1e-9);
    expect(isAboveRadarHorizon(d * 0.99, 30, 20_000)).toBe(true);
    expect(isAboveRadarHorizon(d * 1.01, 30, 20_000)).toBe(false);
  });
  it('hides a 55 km apogee beyond ~1,000 km from a ground radar', () => {
    expect(radarHorizonAltitudeM(400e3, 50)).toBeLessThan(55e3);
    expect(radarHorizonAltitudeM(1100e3, 50)).toBeGreaterThan(55e3);
  });
});
