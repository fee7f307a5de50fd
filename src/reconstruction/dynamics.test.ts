import { describe, expect, it } from 'vitest';
import {
  ecefHeightFast,
  ecefToGeodeticRad,
  EARTH_GM_M3_PER_S2,
  EARTH_J2,
  EARTH_OMEGA_RAD_PER_S,
  geodeticRadToEcef,
  WGS84_A_M,
} from '../geodesy/index.js';
import fc from 'fast-check';
import { densityKgM3 } from './atmosphere.js';
import type { FlightParams } from './dynamics.js';
import { integrateFlight } from './integrate.js';
import { GENERIC_SRBM } from './motor.js';
import { flightProfile } from './profile.js';
import { stateAt } from './trajectory.js';

const RAD = Math.PI / 180;

describe('US Standard Atmosphere 1976 density', () => {
  // NOAA-S/T 76-1562 (1976), table I, density at geometric height (kg/m^3), 5 significant figures.
  const table: [number, number][] = [
    [0, 1.225],
    [1, 1.1117],
    [5, 0.73643],
    [10, 0.41351],
    [20, 0.08891],
    [30, 0.01841],
    [40, 3.9957e-3],
    [50, 1.0269e-3],
    [60, 3.0968e-4],
    [70, 8.2829e-5],
    [80, 1.8458e-5],
    [86, 6.958e-6],
    [100, 5.604e-7],
  ];
  it.each(table)('at %d km matches the table to 0.05 %%', (km, rho) => {
    expect(Math.abs(densityKgM3(km * 1000) / rho - 1)).toBeLessThan(5e-4);
  });
  it('decreases monotonically from -5 km to 1000 km and is continuous at 86 km (to 1 %)', () => {
    let prev = Infinity;
    for (let h = -5000; h < 1e6; h += 250) {
      const r = densityKgM3(h);
      expect(r).toBeLessThan(prev);
      prev = r;
    }
    expect(Math.abs(densityKgM3(85_999) / densityKgM3(86_001) - 1)).toBeLessThan(0.01);
  });
});

describe('fast height (Bowring, algebraic)', () => {
  it('agrees with the exact conversion to 1 mm from -10 km to 1000 km', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -Math.PI / 2 + 1e-6, max: Math.PI / 2 - 1e-6, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: -10e3, max: 1e6, noNaN: true }),
        (lat, lon, h) => {
          const p = [0, 0, 0];
          geodeticRadToEcef(lat, lon, h, p);
          const o = [0, 0, 0];
          ecefHeightFast(p[0]!, p[1]!, p[2]!, o);
          expect(Math.abs(o[0]! - h)).toBeLessThan(1e-3);
          expect(Math.abs(o[1]! - Math.sin(lat))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

const flight = (kickDeg: number, motor = GENERIC_SRBM): FlightParams => ({
  launchLatRad: 50.6 * RAD,
  launchLonRad: 36.6 * RAD,
  launchAltM: 0,
  azimuthRad: 250 * RAD,
  kickAngleRad: kickDeg * RAD,
  motor,
});

describe('powered and ballistic flight (issue 3 dynamics)', () => {
  it('flies the generic SRBM of DOMAIN.md about 250 km, ~55 km apogee, ~4 min (sanity scale)', () => {
    const f = flight(68);
    const p = flightProfile(f, integrateFlight(f));
    expect(p.groundRangeM).toBeGreaterThan(230e3);
    expect(p.groundRangeM).toBeLessThan(300e3);
    expect(p.apogeeM).toBeGreaterThan(45e3);
    expect(p.apogeeM).toBeLessThan(65e3);
    expect(p.flightTimeS).toBeGreaterThan(200);
    expect(p.flightTimeS).toBeLessThan(260);
    expect(p.burnoutTimeS).toBe(25);
    // Ideal delta-v ve ln(m0/mf) = 2452 m/s less gravity and drag losses.
    expect(p.burnoutSpeedMps).toBeGreaterThan(1600);
    expect(p.burnoutSpeedMps).toBeLessThan(2452);
  });

  it('lands on a node at burnout and at the ground (event location to 1 mm)', () => {
    const tr = integrateFlight(flight(60), { groundAltM: 120 });
    expect(Array.from(tr.tS)).toContain(25);
    const k = tr.n - 1;
    const g = [0, 0, 0];
    ecefToGeodeticRad(tr.pos[3 * k]!, tr.pos[3 * k + 1]!, tr.pos[3 * k + 2]!, g);
    expect(tr.impacted).toBe(true);
    expect(Math.abs(g[2]! - 120)).toBeLessThan(1e-3);
  });

  it('converges: default steps agree with 0.01 s steps to 0.5 m along the flight and 2 m at impact', () => {
    for (const kick of [30, 60]) {
      const f = flight(kick);
      const ref = integrateFlight(f, { boostStepS: 0.01, blendStepS: 0.01, coastStepS: 0.05 });
      const tr = integrateFlight(f);
      const a = [0, 0, 0, 0, 0, 0];
      const b = [0, 0, 0, 0, 0, 0];
      for (const t of [5, 12, 25, 60, 120]) {
        stateAt(ref, t, a);
        stateAt(tr, t, b);
        expect(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!)).toBeLessThan(0.5);
      }
      const i = ref.n - 1;
      const j = tr.n - 1;
      const miss = Math.hypot(
        ref.pos[3 * i]! - tr.pos[3 * j]!,
        ref.pos[3 * i + 1]! - tr.pos[3 * j + 1]!,
        ref.pos[3 * i + 2]! - tr.pos[3 * j + 2]!,
      );
      expect(miss).toBeLessThan(2);
    }
  });

  it('conserves the Jacobi integral in rotating ECEF without drag after burnout (1e-8 relative)', () => {
    // Without drag or thrust, E = v^2/2 - U(r) - omega^2 (x^2 + y^2)/2 is constant in the rotating frame, with
    // U the J2 potential. A flight with negligible CdA tests gravity, J2, Coriolis and centrifugal terms together.
    const motor = { ...GENERIC_SRBM, cdAM2: 1e-12 };
    const tr = integrateFlight(flight(45, motor), { coastStepS: 0.5 });
    const jacobi = (k: number): number => {
      const [x, y, z] = [tr.pos[3 * k]!, tr.pos[3 * k + 1]!, tr.pos[3 * k + 2]!];
      const v2 = tr.vel[3 * k]! ** 2 + tr.vel[3 * k + 1]! ** 2 + tr.vel[3 * k + 2]! ** 2;
      const r = Math.hypot(x, y, z);
      const u =
        (EARTH_GM_M3_PER_S2 / r) * (1 - ((EARTH_J2 * (WGS84_A_M / r) ** 2) / 2) * (3 * (z / r) ** 2 - 1));
      return v2 / 2 - u - (EARTH_OMEGA_RAD_PER_S ** 2 * (x * x + y * y)) / 2;
    };
    const start = tr.tS.findIndex((t) => t >= 26);
    const e0 = jacobi(start);
    for (let k = start; k < tr.n; k += 20) expect(Math.abs(jacobi(k) / e0 - 1)).toBeLessThan(1e-8);
  });

  it('bends the flight with an unmodelled pull-up (a manoeuvre changes range, not azimuth much)', () => {
    const plain = flightProfile(flight(68), integrateFlight(flight(68)));
    const man = { ...GENERIC_SRBM, manoeuvre: { startS: 120, endS: 150, normalAccelMps2: 20 } };
    const pulled = flightProfile(flight(68, man), integrateFlight(flight(68, man)));
    expect(pulled.groundRangeM - plain.groundRangeM).toBeGreaterThan(5e3);
  });
});
