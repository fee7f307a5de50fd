/**
 * Property tests (fast-check): through predict, update and smooth, every covariance a filter or smoother stores
 * stays exactly symmetric and positive definite, over random linear and nonlinear models and data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../kernel/index.js';
import {
  BALLISTIC_STATE,
  choleskyLower,
  createBallisticFlatEarthModel,
  createConstantVelocityModel,
  createFilter,
  createLinearMeasurementModel,
  createRadarFlatEarthModel,
  createSmoother,
  diagonalCovar,
  type FilterConfig,
  type FilterTrack,
  type MeasurementModel,
  type Observation,
  type SmootherConfig,
  type TransitionModel,
} from './index.js';

const FILTERS: FilterConfig[] = [
  { kind: 'kf', covarianceUpdate: 'joseph' },
  { kind: 'kf', covarianceUpdate: 'symmetrised' },
  { kind: 'ekf', covarianceUpdate: 'joseph' },
  { kind: 'ukf', alpha: 1, beta: 2, kappa: 0 },
  { kind: 'ukf', alpha: 0.5, beta: 2, kappa: 1 },
];
const SMOOTHERS: SmootherConfig[] = [
  { kind: 'rts' },
  { kind: 'urts', alpha: 1, beta: 2, kappa: 0, moments: 'recompute' },
];

/** Exactly symmetric and Cholesky-factorisable (strictly positive definite in floating point). */
function expectSpd(a: Float64Array, n: number, what: string): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) expect(a[i * n + j], `${what} symmetric`).toBe(a[j * n + i]);
  expect(choleskyLower(a, n, new Float64Array(n * n)), `${what} positive definite`).toBe(-1);
}

function expectTrackSpd(track: FilterTrack): void {
  const { n, length } = track;
  const nn = n * n;
  for (let k = 0; k < length; k++) {
    expectSpd(track.predictedCovars.subarray(k * nn, (k + 1) * nn), n, `predicted ${String(k)}`);
    expectSpd(track.filteredCovars.subarray(k * nn, (k + 1) * nn), n, `filtered ${String(k)}`);
    const m = track.measurementDims[k]!;
    const S = track.innovationCovars.subarray(
      track.innovationCovarOffsets[k],
      track.innovationCovarOffsets[k + 1],
    );
    expectSpd(S, m, `innovation covariance ${String(k)}`);
    expect(track.nis[k]).toBeGreaterThanOrEqual(0);
  }
}

/** A random SPD matrix A A^T + floor I, from a seeded RNG, with entries of size `scale`. */
function randomSpd(rng: ReturnType<typeof seededRng>, n: number, scale: number, floor: number): number[][] {
  const a = Array.from({ length: n }, () => Array.from({ length: n }, () => scale * rng.normal()));
  return Array.from({ length: n }, (_, i) =>
    Array.from(
      { length: n },
      (_, j) => a[i]!.reduce((s, v, k) => s + v * a[j]![k]!, 0) + (i === j ? floor : 0),
    ),
  );
}

const linearCase = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  axes: fc.integer({ min: 1, max: 3 }),
  qM2PerS3: fc.double({ min: 1e-3, max: 10, noNaN: true }),
  gapsS: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true })), {
    minLength: 1,
    maxLength: 15,
  }),
  sigmaScaleM: fc.double({ min: 0.1, max: 100, noNaN: true }),
});

type LinearCase = typeof linearCase extends fc.Arbitrary<infer T> ? T : never;

function linearProblem(c: LinearCase): {
  transition: TransitionModel;
  prior: { mean: Float64Array; covar: Float64Array };
  observations: Observation[];
} {
  const rng = seededRng(c.seed);
  const n = 2 * c.axes;
  const transition = createConstantVelocityModel({ axes: c.axes, noiseDiffusionM2PerS3: c.qM2PerS3 });
  const prior = {
    mean: Float64Array.from({ length: n }, () => 100 * rng.normal()),
    covar: Float64Array.from(randomSpd(rng, n, 10, 1).flat()),
  };
  let tS = 0;
  const observations = c.gapsS.map((gap) => {
    tS += gap;
    const m = 1 + Math.floor(rng.next() * n);
    const H = Array.from({ length: m }, () => Array.from({ length: n }, () => rng.normal()));
    const R = randomSpd(rng, m, c.sigmaScaleM, c.sigmaScaleM * c.sigmaScaleM * 1e-2);
    const model: MeasurementModel = createLinearMeasurementModel({ H, R });
    const z = Float64Array.from({ length: m }, () => 100 * rng.normal());
    return { tS, z, model };
  });
  return { transition, prior, observations };
}

describe('covariances stay symmetric positive definite (fast-check)', () => {
  it('linear models: every filter and smoother, random dynamics, measurement matrices, noises and data', () => {
    fc.assert(
      fc.property(linearCase, (c) => {
        const p = linearProblem(c);
        for (const f of FILTERS) {
          const r = createFilter(f).run({ ...p, priorTimeS: 0 });
          expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
          if (!r.ok) return;
          expectTrackSpd(r.value);
          for (const s of SMOOTHERS) {
            const sm = createSmoother(s).smooth(r.value, p.transition);
            expect(sm.ok, sm.ok ? '' : sm.error.message).toBe(true);
            if (!sm.ok) return;
            const { n, length } = sm.value;
            for (let k = 0; k < length; k++)
              expectSpd(sm.value.covars.subarray(k * n * n, (k + 1) * n * n), n, `smoothed ${String(k)}`);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('nonlinear ballistic + radar model: EKF and UKF with RTS and unscented RTS', () => {
    const transition = createBallisticFlatEarthModel();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 5, max: 200, noNaN: true }),
        (seed, steps, dtS, sigmaRangeM) => {
          const rng = seededRng(seed);
          const truth = Float64Array.from([
            -20_000 + 5000 * rng.normal(),
            800 + 100 * rng.normal(),
            30_000 + 5000 * rng.normal(),
            -200 + 100 * rng.normal(),
            15_000 + 2000 * rng.normal(),
            600 + 100 * rng.normal(),
            2e-4,
          ]);
          const radar = createRadarFlatEarthModel({
            siteM: [1000 * rng.normal(), 1000 * rng.normal(), 0],
            sigmaRangeM,
            sigmaElevationRad: 2e-3,
            sigmaBearingRad: 2e-3,
          });
          const observations: Observation[] = [];
          const x = Float64Array.from(truth);
          const next = new Float64Array(7);
          for (let k = 0; k < steps; k++) {
            transition.f(x, dtS, next);
            x.set(next);
            const z = new Float64Array(3);
            radar.h(x, z);
            z[0]! += 2e-3 * rng.normal();
            z[1]! += 2e-3 * rng.normal();
            z[2]! += sigmaRangeM * rng.normal();
            observations.push({ tS: dtS * (k + 1), z, model: radar });
          }
          const mean = Float64Array.from(
            truth,
            (v, i) => v + (i === BALLISTIC_STATE.gamma ? 0 : 50 * rng.normal()),
          );
          const covar = diagonalCovar([
            500 ** 2,
            200 ** 2,
            500 ** 2,
            200 ** 2,
            500 ** 2,
            200 ** 2,
            1e-4 ** 2,
          ]);
          for (const f of FILTERS.filter((c) => c.kind !== 'kf')) {
            const r = createFilter(f).run({
              prior: { mean, covar },
              priorTimeS: 0,
              transition,
              observations,
            });
            expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
            if (!r.ok) return;
            expectTrackSpd(r.value);
            for (const s of SMOOTHERS) {
              const sm = createSmoother(s).smooth(r.value, transition);
              expect(sm.ok, sm.ok ? '' : sm.error.message).toBe(true);
              if (!sm.ok) return;
              for (let k = 0; k < sm.value.length; k++)
                expectSpd(sm.value.covars.subarray(k * 49, (k + 1) * 49), 7, 'smoothed');
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a covariance that is not positive definite is reported (Result), never returned as a wrong answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 3 }), (seed, axes) => {
        const rng = seededRng(seed);
        const n = 2 * axes;
        const covar = Float64Array.from(randomSpd(rng, n, 1, 0.1).flat());
        const i = Math.floor(rng.next() * n);
        covar[i * n + i] = -Math.abs(covar[i * n + i]!); // a negative variance: not positive definite
        const transition = createConstantVelocityModel({ axes, noiseDiffusionM2PerS3: 1 });
        const model = createLinearMeasurementModel({
          H: [Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 0))],
          R: [[1]],
        });
        for (const f of FILTERS) {
          const r = createFilter(f).run({
            prior: { mean: new Float64Array(n), covar },
            priorTimeS: 0,
            transition,
            observations: [{ tS: 1, z: Float64Array.of(0), model }],
          });
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.reason).toBe('NOT_POSITIVE_DEFINITE');
        }
      }),
      { numRuns: 30 },
    );
  });
});
