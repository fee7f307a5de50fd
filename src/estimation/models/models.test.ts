import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBallisticFlatEarthModel, expSmall } from './ballistic-flat-earth.js';
import { createConstantVelocityModel } from './constant-velocity.js';
import { componentResidual, wrapAngleRad } from './measurement-model.js';
import { createMeasurementModel, createTransitionModel, type TransitionModelConfig } from './model-config.js';
import { createRadarFlatEarthModel } from './radar-flat-earth.js';

/** Central finite-difference Jacobian of g: R^n -> R^m at x, with per-component steps. */
function numericJacobian(
  g: (x: Float64Array, out: Float64Array) => void,
  x: Float64Array,
  m: number,
  steps: readonly number[],
): Float64Array {
  const n = x.length;
  const J = new Float64Array(m * n);
  const plus = new Float64Array(m);
  const minus = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j]! += steps[j]!;
    xm[j]! -= steps[j]!;
    g(xp, plus);
    g(xm, minus);
    for (let i = 0; i < m; i++) J[i * n + j] = (plus[i]! - minus[i]!) / (2 * steps[j]!);
  }
  return J;
}

describe('wrapAngleRad', () => {
  it('lands in (-pi, pi] and differs from the input by a multiple of 2 pi', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), (a) => {
        const w = wrapAngleRad(a);
        expect(w).toBeGreaterThan(-Math.PI);
        expect(w).toBeLessThanOrEqual(Math.PI);
        const turns = (a - w) / (2 * Math.PI);
        expect(Math.abs(turns - Math.round(turns))).toBeLessThan(1e-9);
      }),
    );
    expect(wrapAngleRad(-Math.PI)).toBe(Math.PI);
    expect(wrapAngleRad(Math.PI)).toBe(Math.PI);
  });

  it('componentResidual wraps only angle components', () => {
    const r = componentResidual(['angle', 'linear']);
    const out = new Float64Array(2);
    r(Float64Array.of(3.1, 10), Float64Array.of(-3.1, 4), out);
    expect(out[0]).toBeCloseTo(6.2 - 2 * Math.PI, 14);
    expect(out[1]).toBe(6);
  });
});

describe('constant-velocity model', () => {
  it('f(x) = F x and Q is the exact discretisation (q dt^3/3, q dt^2/2, q dt)', () => {
    const cv = createConstantVelocityModel({ axes: 2, noiseDiffusionM2PerS3: 2 });
    const x = Float64Array.of(1, 2, 3, 4);
    const out = new Float64Array(4);
    cv.f(x, 0.5, out);
    expect(Array.from(out)).toEqual([2, 2, 5, 4]);
    const Q = new Float64Array(16);
    cv.Q(3, Q);
    expect(Array.from(Q.subarray(0, 2))).toEqual([18, 9]);
    expect(Array.from(Q.subarray(4, 6))).toEqual([9, 6]);
  });
});

describe('flat-Earth ballistic model', () => {
  const model = createBallisticFlatEarthModel();
  const x = Float64Array.of(-149672, 1470, 60000, 0, 20229, 1027, 2e-4);

  it('F is the Jacobian of the RK4 map (matches central differences to 1e-6 relative)', () => {
    for (const dtS of [0.22252, 1, 3]) {
      const F = new Float64Array(49);
      model.F!(x, dtS, F);
      const steps = [1, 0.01, 1, 0.01, 1, 0.01, 1e-8];
      const N = numericJacobian((s, out) => model.f(s, dtS, out), x, 7, steps);
      for (let i = 0; i < 49; i++)
        expect(Math.abs(F[i]! - N[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(N[i]!)));
    }
  });

  it('without drag and gravity it moves in straight lines; gamma is carried unchanged', () => {
    const vacuum = createBallisticFlatEarthModel({ gravityMps2: 0, seaLevelDensityKgPerM3: 0 });
    const out = new Float64Array(7);
    vacuum.f(x, 2, out);
    expect(out[0]).toBeCloseTo(-149672 + 2940, 9);
    expect(out[4]).toBeCloseTo(20229 + 2054, 9);
    expect(out[6]).toBe(2e-4);
  });

  it('f is one classical RK4 step of the stated dynamics (textbook RK4, four direct exp calls, to 1e-14)', () => {
    const g = 9.80665;
    const deriv = (s: readonly number[]): number[] => {
      const rho = 1.225 * Math.exp(-Math.max(s[4]!, -2000) / 7200);
      const k = -0.5 * rho * s[6]! * Math.hypot(s[1]!, s[3]!, s[5]!);
      return [s[1]!, k * s[1]!, s[3]!, k * s[3]!, s[5]!, k * s[5]! - g, 0];
    };
    const rk4 = (s: readonly number[], h: number): number[] => {
      const add = (a: readonly number[], b: readonly number[], c: number) => a.map((v, i) => v + c * b[i]!);
      const k1 = deriv(s);
      const k2 = deriv(add(s, k1, h / 2));
      const k3 = deriv(add(s, k2, h / 2));
      const k4 = deriv(add(s, k3, h));
      return s.map((v, i) => v + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
    };
    const out = new Float64Array(7);
    // Dense air, a step whose density factor is outside expSmall's range, and states across the density floor.
    const states = [
      [...x],
      [0, 300, 0, 50, 1500, -900, 1 / 500],
      [0, 300, 0, 50, -1990, -900, 1 / 500],
      [0, 300, 0, 50, -2500, 900, 1 / 500],
    ];
    for (const s of states)
      for (const dtS of [0.22252, 1, 20]) {
        model.f(Float64Array.from(s), dtS, out);
        const want = rk4(s, dtS);
        for (let i = 0; i < 7; i++)
          expect(Math.abs(out[i]! - want[i]!), `state ${String(i)}, dt ${String(dtS)}`).toBeLessThanOrEqual(
            1e-14 * Math.max(1, Math.abs(want[i]!)),
          );
      }
  });

  it('expSmall is within 2 ulp of Math.exp on |u| <= 1/16 and is Math.exp outside', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.0625, max: 0.0625, noNaN: true }), (u) => {
        const want = Math.exp(u);
        expect(Math.abs(expSmall(u) - want)).toBeLessThanOrEqual(2 * Number.EPSILON * want);
      }),
      { numRuns: 20_000 },
    );
    for (const u of [-0.0625, 0.0625, -1e-300, 0, 0.03125])
      expect(Math.abs(expSmall(u) - Math.exp(u))).toBeLessThanOrEqual(2 * Number.EPSILON * Math.exp(u));
    for (const u of [-0.07, 0.5, -30, 700, Number.NaN, Infinity]) expect(expSmall(u)).toBe(Math.exp(u));
  });

  it('in vacuum, RK4 integrates constant gravity exactly (z = z0 + vz dt - g dt^2 / 2)', () => {
    const g = 9.80665;
    const vacuum = createBallisticFlatEarthModel({ seaLevelDensityKgPerM3: 0 });
    const out = new Float64Array(7);
    vacuum.f(x, 5, out);
    expect(out[4]).toBeCloseTo(20229 + 1027 * 5 - 0.5 * g * 25, 8);
    expect(out[5]).toBeCloseTo(1027 - g * 5, 10);
  });
});

describe('flat-Earth radar model', () => {
  const radar = createRadarFlatEarthModel({ siteM: [100, -200, 50] });
  it('H matches central differences', () => {
    const x = Float64Array.of(-30000, 0, 45000, 0, 12000, 0, 2e-4);
    const H = new Float64Array(21);
    radar.H!(x, H);
    const N = numericJacobian((s, out) => radar.h(s, out), x, 3, [0.1, 1, 0.1, 1, 0.1, 1, 1e-6]);
    for (let i = 0; i < 21; i++)
      expect(Math.abs(H[i]! - N[i]!)).toBeLessThanOrEqual(1e-8 * Math.max(1e-6, Math.abs(N[i]!)) + 1e-12);
  });
  it('measures [elevation, bearing, range] from the site', () => {
    const z = new Float64Array(3);
    radar.h(Float64Array.of(100 + 300, 0, -200 + 400, 0, 50 + (500 * Math.sqrt(3)) / Math.sqrt(3), 0, 0), z);
    expect(z[1]).toBeCloseTo(Math.atan2(400, 300), 15);
    expect(z[2]).toBeCloseTo(Math.hypot(300, 400, 500), 9);
    expect(z[0]).toBeCloseTo(Math.atan2(500, 500), 15);
  });
});

describe('model configs (saved runs rebuild their models)', () => {
  it('every model kind rebuilds from JSON and behaves the same', () => {
    const x = Float64Array.of(-30000, 800, 45000, -100, 12000, 500, 2e-4);
    const saved = JSON.parse(
      JSON.stringify({ kind: 'ballistic-flat-earth', noiseDiffusionM2PerS3: 2 }),
    ) as TransitionModelConfig;
    const a = createTransitionModel(saved);
    const b = createBallisticFlatEarthModel({ noiseDiffusionM2PerS3: 2 });
    const oa = new Float64Array(7);
    const ob = new Float64Array(7);
    a.f(x, 0.5, oa);
    b.f(x, 0.5, ob);
    expect(oa).toEqual(ob);
    expect(createTransitionModel({ kind: 'constant-velocity', axes: 2, noiseDiffusionM2PerS3: 1 }).n).toBe(4);
    const radar = createMeasurementModel({ kind: 'radar-flat-earth', siteM: [1, 2, 3], sigmaRangeM: 20 });
    expect(radar.R[8]).toBe(400);
    const linear = createMeasurementModel({ kind: 'linear', H: [[1, 0]], R: [[4]] });
    expect(linear.m).toBe(1);
    expect(createMeasurementModel({ kind: 'position', axes: 3, sigmaM: 2 }).m).toBe(3);
    expect(() => createMeasurementModel({ kind: 'linear', H: [[1, 0]], R: [[4, 0]] })).toThrow();
  });
});
