/**
 * One shared contract suite, run against EVERY filter and every filter + smoother pair (DESIGN.md: "one shared
 * contract test suite per interface"): on linear-Gaussian problems each must reproduce the closed-form answer,
 * the batch weighted-least-squares / information-form posterior of testing/linear-gaussian-oracle.ts.
 */
import { describe, expect, it } from 'vitest';
import { seededRng } from '../kernel/index.js';
import {
  createConstantVelocityModel,
  createFilter,
  createLinearMeasurementModel,
  createPositionMeasurementModel,
  createSmoother,
  filterStep,
  smoothedStep,
  type FilterConfig,
  type FilterTrack,
  type GaussianState,
  type MeasurementModel,
  type Observation,
  type SmootherConfig,
  type TransitionModel,
} from './index.js';
import { batchPosterior, covarianceBlock, type BatchPosterior } from './testing/linear-gaussian-oracle.js';

/** "Reproduce to ~1e-9 relative" (the brief); the oracle itself is good to ~cond(J) eps ~ 1e-12 here. */
const REL = 1e-9;

const FILTERS: [string, FilterConfig][] = [
  ['KF (Joseph)', { kind: 'kf', covarianceUpdate: 'joseph' }],
  ['KF (symmetrised)', { kind: 'kf', covarianceUpdate: 'symmetrised' }],
  ['EKF (Joseph)', { kind: 'ekf', covarianceUpdate: 'joseph' }],
  ['EKF (symmetrised)', { kind: 'ekf', covarianceUpdate: 'symmetrised' }],
  ['UKF (alpha 1, beta 2, kappa 0)', { kind: 'ukf', alpha: 1, beta: 2, kappa: 0 }],
  ['UKF (alpha 0.5, beta 2, kappa 1)', { kind: 'ukf', alpha: 0.5, beta: 2, kappa: 1 }],
  ['UKF (alpha 1e-3, beta 2, kappa 0)', { kind: 'ukf', alpha: 1e-3, beta: 2, kappa: 0 }],
];
const SMOOTHERS: [string, SmootherConfig][] = [
  ['RTS', { kind: 'rts' }],
  [
    'unscented RTS (1, 2, 0), recomputed moments',
    { kind: 'urts', alpha: 1, beta: 2, kappa: 0, moments: 'recompute' },
  ],
  ['unscented RTS (1, 2, 0), auto moments', { kind: 'urts', alpha: 1, beta: 2, kappa: 0, moments: 'auto' }],
  ['unscented RTS (0.3, 2, 0.5)', { kind: 'urts', alpha: 0.3, beta: 2, kappa: 0.5, moments: 'recompute' }],
];

interface Scenario {
  readonly name: string;
  readonly prior: GaussianState;
  readonly priorTimeS: number;
  readonly transition: TransitionModel;
  readonly observations: Observation[];
}

/** Simulates z = H x + noise along a CV truth, with the given per-step models and time gaps (seeded). */
function scenario(
  name: string,
  axes: number,
  seed: number,
  gapsS: readonly number[],
  modelOf: (k: number) => MeasurementModel,
): Scenario {
  const rng = seededRng(seed);
  const n = 2 * axes;
  const transition = createConstantVelocityModel({ axes, noiseDiffusionM2PerS3: 0.5 });
  const mean = Float64Array.from({ length: n }, (_, i) =>
    i % 2 === 0 ? 100 * rng.normal() : 10 * rng.normal(),
  );
  const covar = new Float64Array(n * n);
  for (let a = 0; a < axes; a++) {
    const p = 2 * a;
    covar[p * n + p] = 400;
    covar[(p + 1) * n + p + 1] = 100;
    covar[p * n + p + 1] = 60; // correlated position/velocity prior
    covar[(p + 1) * n + p] = 60;
  }
  let x = Float64Array.from(mean, (m) => m + 5 * rng.normal());
  const next = new Float64Array(n);
  const observations: Observation[] = [];
  let tS = 10;
  for (let k = 0; k < gapsS.length; k++) {
    const dtS = gapsS[k]!;
    if (dtS > 0) {
      transition.f(x, dtS, next);
      for (let i = 0; i < n; i++) next[i]! += 0.3 * Math.sqrt(dtS) * rng.normal();
      x = Float64Array.from(next);
    }
    tS += dtS;
    const model = modelOf(k);
    const z = new Float64Array(model.m);
    model.h(x, z);
    for (let i = 0; i < model.m; i++) z[i]! += Math.sqrt(model.R[i * model.m + i]!) * rng.normal();
    observations.push({ tS, z, model });
  }
  return { name, prior: { mean, covar }, priorTimeS: 10, transition, observations };
}

const pos2 = createPositionMeasurementModel({ axes: 2, sigmaM: [3, 5] });
const xOnly = createLinearMeasurementModel({ H: [[1, 0, 0, 0]], R: [[4]] });
const correlated = createLinearMeasurementModel({
  H: [
    [1, 0, 1, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
  ],
  R: [
    [9, 1, 3],
    [1, 1, 0.2],
    [3, 0.2, 16],
  ],
});
const pos3 = createPositionMeasurementModel({ axes: 3, sigmaM: 2 });
const pos1 = createPositionMeasurementModel({ axes: 1, sigmaM: 0.5 });

const SCENARIOS: Scenario[] = [
  scenario(
    '2-D CV, irregular dt, a repeated time, models of 1, 2 and 3 components per step',
    2,
    7,
    [0.5, 1.3, 0.2, 0, 2.0, 0.7, 1.1, 0.4, 0.9, 1.7, 0.3, 0.6, 1.0, 0.8, 1.2, 0.25, 0.5, 1.5, 0.7, 0.9],
    (k) => [pos2, xOnly, correlated][k % 3]!,
  ),
  scenario('3-D CV, position fixes at 1 Hz', 3, 11, new Array<number>(15).fill(1), () => pos3),
  scenario('1-D CV, a single observation', 1, 3, [2], () => pos1),
];

const oracleCache = new Map<string, BatchPosterior>();
function oracle(s: Scenario, lastState: number, used: number): BatchPosterior {
  const key = `${s.name}|${String(lastState)}|${String(used)}`;
  let post = oracleCache.get(key);
  if (!post) {
    post = batchPosterior(s.prior, s.priorTimeS, s.transition, s.observations, lastState, used);
    oracleCache.set(key, post);
  }
  return post;
}

/** max |actual - expected| <= REL * max(|expected|), element-wise over the arrays. */
function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  scale?: number,
): void {
  expect(actual.length, what).toBe(expected.length);
  let big = scale ?? 0;
  for (let i = 0; i < expected.length; i++) big = Math.max(big, Math.abs(expected[i]!));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(
    worst,
    `${what}: max diff ${worst.toExponential(2)} vs scale ${big.toExponential(2)}`,
  ).toBeLessThanOrEqual(REL * big);
}

function run(config: FilterConfig, s: Scenario): FilterTrack {
  const r = createFilter(config).run({
    prior: s.prior,
    priorTimeS: s.priorTimeS,
    transition: s.transition,
    observations: s.observations,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe.each(FILTERS)('filter contract: %s', (_name, config) => {
  describe.each(SCENARIOS)('$name', (s) => {
    const track = run(config, s);
    const n = s.transition.n;

    it('filtered mean and covariance equal the closed-form posterior at every step', () => {
      for (let k = 0; k < s.observations.length; k++) {
        const post = oracle(s, k, k + 1);
        const st = post.stateOf[k]!;
        const step = filterStep(track, k);
        expectClose(step.filtered.mean, post.means[st]!, `filtered mean ${String(k)}`);
        expectClose(step.filtered.covar, covarianceBlock(post, st, st), `filtered covar ${String(k)}`);
      }
    });

    it('predicted mean, covariance and cross covariance D equal the closed-form one-step prediction', () => {
      for (let k = 0; k < s.observations.length; k++) {
        const post = oracle(s, k, k);
        const st = post.stateOf[k]!;
        const from = k === 0 ? 0 : post.stateOf[k - 1]!;
        const step = filterStep(track, k);
        expectClose(step.predicted.mean, post.means[st]!, `predicted mean ${String(k)}`);
        expectClose(step.predicted.covar, covarianceBlock(post, st, st), `predicted covar ${String(k)}`);
        expectClose(step.crossCovar, covarianceBlock(post, from, st), `cross covar ${String(k)}`);
      }
    });

    it('innovation, its covariance S, NIS and log-likelihood equal the closed form', () => {
      for (let k = 0; k < s.observations.length; k++) {
        const o = s.observations[k]!;
        const m = o.model.m;
        const post = oracle(s, k, k);
        const st = post.stateOf[k]!;
        const Hb = new Float64Array(m * n);
        o.model.H!(new Float64Array(n), Hb);
        const xp = post.means[st]!;
        const Pp = covarianceBlock(post, st, st);
        const nu = Array.from(
          { length: m },
          (_, i) => o.z[i]! - xp.reduce((a, v, j) => a + Hb[i * n + j]! * v, 0),
        );
        const S = new Float64Array(m * m);
        for (let i = 0; i < m; i++)
          for (let j = 0; j < m; j++) {
            let v = o.model.R[i * m + j]!;
            for (let p = 0; p < n; p++)
              for (let q = 0; q < n; q++) v += Hb[i * n + p]! * Pp[p * n + q]! * Hb[j * n + q]!;
            S[i * m + j] = v;
          }
        const step = filterStep(track, k);
        // The innovation is z minus a predicted measurement of the size of z: relative to |z| (with alpha = 1e-3
        // the sigma-point mean loses ~1e6 eps |z| to cancellation, inherent to tiny alpha).
        const zScale = Math.max(...Array.from(o.z, Math.abs));
        expectClose(step.innovation, nu, `innovation ${String(k)}`, zScale);
        expectClose(step.innovationCovar, S, `S ${String(k)}`);
        // nu and S match the closed form (above); NIS and log N(nu; 0, S) must then be exactly the step's own
        // nu^T S^{-1} nu and Gaussian log-density (checked against an independent elimination, to 1e-12).
        const ownNu = Array.from(step.innovation);
        const w = solveSpd(step.innovationCovar, m, ownNu);
        const nis = ownNu.reduce((a, v, i) => a + v * w[i]!, 0);
        expect(Math.abs(step.nis - nis)).toBeLessThanOrEqual(1e-12 * Math.max(1, nis));
        const ll = -0.5 * (nis + Math.log(det(step.innovationCovar, m)) + m * Math.log(2 * Math.PI));
        expect(Math.abs(step.logLikelihood - ll)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ll)));
      }
    });

    it.each(SMOOTHERS)(
      'smoothed by %s: means and covariances equal the batch WLS solution of the whole track',
      (_s, sc) => {
        const r = createSmoother(sc).smooth(track, s.transition);
        if (!r.ok) throw new Error(r.error.message);
        const N = s.observations.length;
        const post = oracle(s, N - 1, N);
        for (let k = 0; k < N; k++) {
          const st = post.stateOf[k]!;
          const sm = smoothedStep(r.value, k);
          expectClose(sm.mean, post.means[st]!, `smoothed mean ${String(k)}`);
          expectClose(sm.covar, covarianceBlock(post, st, st), `smoothed covar ${String(k)}`);
        }
      },
    );
  });

  describe('expected failures are data (Result with a stable code)', () => {
    const s = SCENARIOS[0]!;
    const base = {
      prior: s.prior,
      priorTimeS: s.priorTimeS,
      transition: s.transition,
      observations: s.observations,
    };

    it('a prior covariance that is not positive definite: NOT_CONVERGED / NOT_POSITIVE_DEFINITE', () => {
      const covar = Float64Array.from(s.prior.covar);
      covar[0] = -1;
      const r = createFilter(config).run({ ...base, prior: { mean: s.prior.mean, covar } });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: 'NOT_CONVERGED', reason: 'NOT_POSITIVE_DEFINITE', step: -1 });
      expect(r.error.message).toMatch(/prior covariance is not positive definite/);
    });

    it('a measurement noise R that is not positive definite fails at that step', () => {
      const bad = createLinearMeasurementModel({ H: [[1, 0, 0, 0]], R: [[-1e6]] });
      const observations = s.observations.map((o, k) =>
        k === 4 ? { ...o, z: o.z.subarray(0, 1), model: bad } : o,
      );
      const r = createFilter(config).run({ ...base, observations });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: 'NOT_CONVERGED', reason: 'NOT_POSITIVE_DEFINITE', step: 4 });
    });

    it('an asymmetric prior covariance: INVALID_INPUT / NOT_SYMMETRIC', () => {
      const covar = Float64Array.from(s.prior.covar);
      covar[1] = covar[1]! + 1;
      const r = createFilter(config).run({ ...base, prior: { mean: s.prior.mean, covar } });
      expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_INPUT', reason: 'NOT_SYMMETRIC', step: -1 });
    });

    it('observations out of time order: INVALID_INPUT / TIME_ORDER naming the observation', () => {
      const observations = [...s.observations];
      [observations[5], observations[6]] = [observations[6]!, observations[5]!];
      const r = createFilter(config).run({ ...base, observations });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: 'INVALID_INPUT', reason: 'TIME_ORDER', step: 6 });
      expect(r.error.problems?.[0]?.field).toBe('observations[6]');
    });

    it('a wrong-sized measurement or a NaN: INVALID_INPUT', () => {
      const observations = s.observations.map((o, k) => (k === 1 ? { ...o, z: new Float64Array(5) } : o));
      const r1 = createFilter(config).run({ ...base, observations });
      expect(!r1.ok && r1.error.reason).toBe('DIMENSION_MISMATCH');
      const nan = s.observations.map((o, k) =>
        k === 1 ? { ...o, z: Float64Array.from(o.z, () => NaN) } : o,
      );
      const r2 = createFilter(config).run({ ...base, observations: nan });
      expect(!r2.ok && r2.error.reason).toBe('NON_FINITE');
    });

    it('reusing the storage of a previous track (Monte Carlo loops) gives the same numbers', () => {
      const fresh = createFilter(config).run(base);
      const other = createFilter(config).run({
        ...base,
        observations: s.observations.map((o) => ({ ...o, z: o.z.map((v) => v + 1) })),
      });
      expect(fresh.ok && other.ok).toBe(true);
      if (!fresh.ok || !other.ok) return;
      const reused = createFilter(config).run(base, { reuse: other.value });
      expect(reused.ok).toBe(true);
      if (!reused.ok) return;
      expect(reused.value.filteredCovars).toBe(other.value.filteredCovars); // same storage...
      expect(reused.value).toEqual(fresh.value); // ...same numbers
      for (const [, sc] of SMOOTHERS) {
        const a = createSmoother(sc).smooth(fresh.value, s.transition);
        const b0 = createSmoother(sc).smooth(other.value, s.transition);
        expect(a.ok && b0.ok).toBe(true);
        if (!a.ok || !b0.ok) return;
        const b = createSmoother(sc).smooth(fresh.value, s.transition, { reuse: b0.value });
        expect(b.ok && b.value.means === b0.value.means).toBe(true);
        if (b.ok) expect(b.value).toEqual(a.value);
      }
    });

    it('the config round-trips through JSON (a saved run replays identically)', () => {
      const saved = JSON.parse(JSON.stringify(createFilter(config).config)) as FilterConfig;
      const a = createFilter(config).run(base);
      const b = createFilter(saved).run(base);
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect(Array.from(b.value.filteredMeans)).toEqual(Array.from(a.value.filteredMeans));
    });
  });
});

describe('the linear KF refuses nonlinear models', () => {
  it('returns UNSUPPORTED / NOT_LINEAR instead of silently linearising', () => {
    const s = SCENARIOS[1]!;
    const nonlinear = { ...s.transition, linear: false };
    const r = createFilter({ kind: 'kf' }).run({ ...s, transition: nonlinear });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'UNSUPPORTED', reason: 'NOT_LINEAR' });
  });
});

/** Solves S w = b for small SPD S by Gaussian elimination (test helper, independent of linalg/). */
function solveSpd(S: Float64Array, m: number, b: readonly number[]): number[] {
  const a = Array.from({ length: m }, (_, i) => [...Array.from(S.subarray(i * m, (i + 1) * m)), b[i]!]);
  for (let c = 0; c < m; c++) {
    for (let r = c + 1; r < m; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= m; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    let v = a[r]![m]!;
    for (let j = r + 1; j < m; j++) v -= a[r]![j]! * x[j]!;
    x[r] = v / a[r]![r]!;
  }
  return x;
}

function det(S: Float64Array, m: number): number {
  const a = Array.from({ length: m }, (_, i) => Array.from(S.subarray(i * m, (i + 1) * m)));
  let d = 1;
  for (let c = 0; c < m; c++) {
    d *= a[c]![c]!;
    for (let r = c + 1; r < m; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j < m; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return d;
}
