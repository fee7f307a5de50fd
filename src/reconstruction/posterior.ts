import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { geodesicDirect } from '../geodesy/index.js';
import type { Rng } from '../kernel/index.js';
import { seededRng } from '../kernel/index.js';
import type { BatchFit } from './fit.js';
import { P_EAST, P_NORTH, residualsOn, sumSq, trajectoryOf } from './fit-problem.js';
import { cholesky, invertSpd } from './linalg.js';

export interface PosteriorOptions {
  /** Importance samples of the second (adapted) stage (default 1500; the first stage draws 2/3 as many). */
  readonly samples?: number;
  /** Sample when the nonlinearity measure exceeds this (default 0.1). */
  readonly nonlinearityThreshold?: number;
  /** Seed of the sampler (the caller derives it from the input). */
  readonly seed?: number;
  /** Probability of the highest-density region (default 0.95). */
  readonly probability?: number;
}

/** The launch point's posterior beyond the Gaussian (Laplace) approximation. */
export interface LaunchPosterior {
  /**
   * Largest relative departure of the exact chi-square increase from the Gaussian one at 8 test points on the
   * boundary of the launch point's 95 % Laplace region (r^2 = chi2_2(0.95) = 5.99), every other unknown at its
   * conditional mean: 0 for a Gaussian posterior; Infinity when a test point leaves the model's domain.
   */
  readonly nonlinearity: number;
  /** True when nonlinearity <= the threshold: the ellipse is adequate and nothing was sampled. */
  readonly gaussianAdequate: boolean;
  /** The sampled region, when not adequate. */
  readonly hdr?: LaunchHdr;
}

export interface LaunchHdr {
  readonly probability: number;
  /** Closed ring [lon, lat] (first = last), counter-clockwise seen from above. */
  readonly polygon: [number, number][];
  /** The same ring as east/north metres from the fitted launch point. */
  readonly ringEN: [number, number][];
  readonly areaM2: number;
  /** Area of the Gaussian 95 % ellipse (ellipse95), m^2, for comparison. */
  readonly ellipseAreaM2: number;
  /** Posterior probability inside the Gaussian 95 % ellipse (0.95 when Gaussian). */
  readonly ellipseMass: number;
  /** Effective sample size of the importance weights, and the number of samples. */
  readonly ess: number;
  readonly samples: number;
  /** Posterior mean of the launch offset from the fitted point (east, north), m. */
  readonly meanEN: [number, number];
}

const RAD = Math.PI / 180;
const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Samples the posterior of the unknowns where the Laplace approximation is not adequate and returns the highest-
 * density region of the launch point (issue 3, sparse sightings).
 *
 * Target: exp(-chi2(x, c) / 2) with the exact whitened residuals of the fit (measurements and the Gaussian priors
 * of the template), jointly with the consider parameters c ~ N(c_bar, C) (so the region includes the consider
 * uncertainty, as the ellipse does). Check first: the exact chi-square increase at 8 points of the launch
 * marginal's 95 % Laplace boundary against r^2 (a quadratic, i.e. Gaussian, posterior gives exactly r^2); if the
 * largest relative departure is within the threshold, the ellipse is adequate and nothing is sampled.
 * Sampler: two-stage adaptive importance sampling (Cappé et al. 2004, population Monte Carlo). Stage 1 draws from
 * a defensive mixture of the Laplace Gaussian N(x_hat + S (c - c_bar), P) and the same with covariance 4P; stage 2
 * from a mixture of the stage-1 weighted moments (half), and the two Laplace components (a quarter each), with
 * deterministic-mixture weights. Region: weighted Gaussian kernel density of the stage-2 launch offsets (bandwidth
 * by Silverman's rule with the effective sample size), density threshold at the given probability mass (the
 * weighted quantile of the density at the samples, Hyndman 1996), traced as the outermost threshold crossing on
 * 72 rays from the densest sample: the star-shaped hull of the region (exact for a star-shaped region, larger for
 * a multi-modal one). Randomness only through the seeded kernel Rng, so runs replay bit-identically.
 * Accuracy: Monte Carlo, about sqrt(0.95 * 0.05 / ESS) in probability mass; the ESS is reported.
 */
export function launchPosterior(
  fit: BatchFit,
  ellipseCovEN: readonly [number, number, number],
  launch: { latDeg: number; lonDeg: number },
  o: PosteriorOptions = {},
): LaunchPosterior {
  const p = fit.problem;
  const n = p.params.length;
  const P = fit.covariance.fisher;
  const x0 = fit.x;
  const c0 = fit.c;
  const chi0 = fit.chi2;
  const cost = (x: Float64Array, c: Float64Array): number => {
    const tr = trajectoryOf(p, x, c);
    if (!tr) return Infinity;
    const v = sumSq(residualsOn(p, tr, x));
    return Number.isFinite(v) ? v : Infinity;
  };
  // Directions of the launch marginal: a launch offset d (east, north) at Mahalanobis radius r under the launch
  // block B of P, carried to every unknown by the regression dx = P[:, EN] B^-1 d (the other unknowns at their
  // conditional means). The quadratic (Gaussian) increase of chi-square along each is exactly r^2.
  const r2 = chisquareQuantile(0.95, 2);
  const r = Math.sqrt(r2);
  const bee = P[P_EAST * n + P_EAST] as number;
  const ben = P[P_EAST * n + P_NORTH] as number;
  const bnn = P[P_NORTH * n + P_NORTH] as number;
  const Bi = invertSpd(Float64Array.from([bee, ben, ben, bnn]), 2);
  const l11 = Math.sqrt(bee);
  const l21 = ben / l11;
  const l22 = Math.sqrt(Math.max(bnn - l21 * l21, 0));
  let nonlinearity = Bi ? 0 : Infinity;
  for (let k = 0; k < 8 && Bi && Number.isFinite(nonlinearity); k++) {
    const t = (Math.PI * k) / 4;
    const de = r * l11 * Math.cos(t);
    const dn = r * (l21 * Math.cos(t) + l22 * Math.sin(t));
    const ge = (Bi[0] as number) * de + (Bi[1] as number) * dn;
    const gn = (Bi[2] as number) * de + (Bi[3] as number) * dn;
    const x = Float64Array.from(x0);
    for (let a = 0; a < n; a++)
      x[a] = (x[a] as number) + (P[a * n + P_EAST] as number) * ge + (P[a * n + P_NORTH] as number) * gn;
    const d = cost(x, c0) - chi0;
    nonlinearity = Math.max(nonlinearity, Math.abs(d / r2 - 1));
  }
  const threshold = o.nonlinearityThreshold ?? 0.1;
  if (nonlinearity <= threshold) return { nonlinearity, gaussianAdequate: true };
  const hdr = sampleHdr(fit, cost, ellipseCovEN, launch, seededRng(o.seed ?? 1), o);
  return hdr ? { nonlinearity, gaussianAdequate: false, hdr } : { nonlinearity, gaussianAdequate: false };
}

interface Component {
  readonly mean: Float64Array;
  readonly chol: Float64Array;
  readonly logNorm: number;
  readonly weight: number;
  /** True when the mean moves with the consider parameters (mean + S (c - c_bar)). */
  readonly shifts: boolean;
}

function component(
  mean: Float64Array,
  cov: Float64Array,
  n: number,
  weight: number,
  shifts: boolean,
): Component | undefined {
  const chol = cholesky(cov, n);
  if (!chol) return undefined;
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += 2 * Math.log(chol[i * n + i] as number);
  return { mean, chol, logNorm: -0.5 * (n * LOG_2PI + logDet), weight, shifts };
}

function logDensity(k: Component, x: Float64Array, shift: Float64Array, n: number, z: Float64Array): number {
  for (let i = 0; i < n; i++) {
    let s = (x[i] as number) - (k.mean[i] as number) - (k.shifts ? (shift[i] as number) : 0);
    for (let j = 0; j < i; j++) s -= (k.chol[i * n + j] as number) * (z[j] as number);
    z[i] = s / (k.chol[i * n + i] as number);
  }
  let q = 0;
  for (let i = 0; i < n; i++) q += (z[i] as number) ** 2;
  return k.logNorm - 0.5 * q;
}

function sampleHdr(
  fit: BatchFit,
  cost: (x: Float64Array, c: Float64Array) => number,
  ellipseCovEN: readonly [number, number, number],
  launch: { latDeg: number; lonDeg: number },
  rng: Rng,
  o: PosteriorOptions,
): LaunchHdr | undefined {
  const p = fit.problem;
  const n = p.params.length;
  const nc = p.considers.length;
  const P = fit.covariance.fisher;
  const S = fit.covariance.sensitivity;
  const csd = p.considers.map((s) => s.prior?.sigma ?? 0);
  const P4 = P.map((v) => 4 * v);
  const laplace = component(fit.x, P, n, 0.5, true) as Component;
  const wide = component(fit.x, P4, n, 0.5, true) as Component;
  const z = new Float64Array(n);
  const draw = (mix: readonly Component[], count: number): { xs: Float64Array[]; logw: Float64Array } => {
    const xs: Float64Array[] = [];
    const logw = new Float64Array(count);
    const shift = new Float64Array(n);
    for (let s = 0; s < count; s++) {
      const c = Float64Array.from(fit.c);
      const dc = new Float64Array(nc);
      for (let k = 0; k < nc; k++) {
        dc[k] = (csd[k] as number) * rng.normal();
        c[k] = (c[k] as number) + (dc[k] as number);
      }
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let k = 0; k < nc; k++) v += (S[i * nc + k] as number) * (dc[k] as number);
        shift[i] = v;
      }
      // Pick a component by its weight, then draw from it.
      let u = rng.next();
      let comp = mix[mix.length - 1] as Component;
      for (const k of mix) {
        if (u < k.weight) {
          comp = k;
          break;
        }
        u -= k.weight;
      }
      for (let i = 0; i < n; i++) z[i] = rng.normal();
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let v = (comp.mean[i] as number) + (comp.shifts ? (shift[i] as number) : 0);
        for (let j = 0; j <= i; j++) v += (comp.chol[i * n + j] as number) * (z[j] as number);
        x[i] = v;
      }
      let lq = -Infinity;
      for (const k of mix) {
        const l = Math.log(k.weight) + logDensity(k, x, shift, n, z);
        lq = lq > l ? lq + Math.log1p(Math.exp(l - lq)) : l + Math.log1p(Math.exp(lq - l));
      }
      xs.push(x);
      logw[s] = -0.5 * cost(x, c) - lq;
    }
    return { xs, logw };
  };
  const normalise = (logw: Float64Array): Float64Array => {
    let mx = -Infinity;
    for (const v of logw) if (v > mx) mx = v;
    const w = logw.map((v) => (Number.isFinite(v) ? Math.exp(v - mx) : 0));
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / sum);
  };
  const n2 = o.samples ?? 1500;
  const moments = (xs: Float64Array[], ws: Float64Array): Component | undefined => {
    const mean = new Float64Array(n);
    xs.forEach((x, s) => x.forEach((v, i) => (mean[i] = (mean[i] as number) + (ws[s] as number) * v)));
    const cov = new Float64Array(n * n);
    xs.forEach((x, s) => {
      const wsv = ws[s] as number;
      if (wsv === 0) return;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          cov[i * n + j] =
            (cov[i * n + j] as number) +
            wsv * ((x[i] as number) - (mean[i] as number)) * ((x[j] as number) - (mean[j] as number));
    });
    // Inflated by 1.5 (heavier than the target, as an importance proposal must be), blended with P so that a
    // degenerate stage cannot collapse it.
    return component(
      mean,
      cov.map((v, i) => 1.5 * v + 0.05 * (P[i] as number)),
      n,
      0.5,
      false,
    );
  };
  let mix: Component[] = [laplace, wide];
  let stage = draw(mix, Math.ceil(n2 / 2));
  let w = normalise(stage.logw);
  for (let k = 0; k < 2; k++) {
    if (!w.every(Number.isFinite)) return undefined;
    const adapted = moments(stage.xs, w);
    mix = adapted ? [adapted, { ...laplace, weight: 0.25 }, { ...wide, weight: 0.25 }] : [laplace, wide];
    stage = draw(mix, k === 1 ? n2 : Math.ceil(n2 / 2));
    w = normalise(stage.logw);
  }
  if (!w.every(Number.isFinite)) return undefined;
  const s2 = stage;
  const ess = 1 / w.reduce((a, v) => a + v * v, 0);
  const e = s2.xs.map((x) => x[P_EAST] as number);
  const nn = s2.xs.map((x) => x[P_NORTH] as number);
  return hdrOf(e, nn, w, ess, ellipseCovEN, launch, o.probability ?? 0.95);
}

/** Highest-density region of weighted 2-D samples (see {@link launchPosterior}). */
export function hdrOf(
  e: readonly number[],
  nn: readonly number[],
  w: Float64Array,
  ess: number,
  ellipseCovEN: readonly [number, number, number],
  launch: { latDeg: number; lonDeg: number },
  probability: number,
): LaunchHdr | undefined {
  const N = e.length;
  // Drop negligible weights from the kernel sum (they cannot move the density by more than 1e-9 of its peak).
  const wMax = Math.max(...w);
  const keep: number[] = [];
  for (let s = 0; s < N; s++) if ((w[s] as number) > 1e-9 * wMax) keep.push(s);
  let me = 0;
  let mn = 0;
  for (const s of keep) {
    me += (w[s] as number) * (e[s] as number);
    mn += (w[s] as number) * (nn[s] as number);
  }
  let cee = 0;
  let cen = 0;
  let cnn = 0;
  for (const s of keep) {
    const de = (e[s] as number) - me;
    const dn = (nn[s] as number) - mn;
    cee += (w[s] as number) * de * de;
    cen += (w[s] as number) * de * dn;
    cnn += (w[s] as number) * dn * dn;
  }
  // Bandwidth matrix H = h^2 Sigma_w, h = ESS^(-1/6) (Silverman, d = 2); density via whitening by chol(H).
  const h2 = Math.pow(Math.max(ess, 2), -1 / 3);
  const H = invertSpd(Float64Array.from([cee * h2, cen * h2, cen * h2, cnn * h2]), 2);
  if (!H) return undefined;
  const [a, b, d] = [H[0] as number, H[1] as number, H[3] as number];
  const dens = (pe: number, pn: number): number => {
    let sum = 0;
    for (const s of keep) {
      const de = pe - (e[s] as number);
      const dn = pn - (nn[s] as number);
      sum += (w[s] as number) * Math.exp(-0.5 * (a * de * de + 2 * b * de * dn + d * dn * dn));
    }
    return sum;
  };
  const atSample = keep.map((s) => ({ s, f: dens(e[s] as number, nn[s] as number) }));
  atSample.sort((x, y) => y.f - x.f);
  let mass = 0;
  let tau = 0;
  for (const q of atSample) {
    mass += w[q.s] as number;
    tau = q.f;
    if (mass >= probability) break;
  }
  const top = atSample[0] as { s: number; f: number };
  const ce = e[top.s] as number;
  const cn = nn[top.s] as number;
  // Rays in the metric of Sigma_w: direction (cos t, sin t) mapped by chol(Sigma_w).
  const l11 = Math.sqrt(cee);
  const l21 = cen / l11;
  const l22 = Math.sqrt(Math.max(cnn - l21 * l21, 1e-12));
  let rMax = 0;
  for (const s of keep) {
    const de = (e[s] as number) - ce;
    const dn = (nn[s] as number) - cn;
    const u1 = de / l11;
    const u2 = (dn - l21 * u1) / l22;
    rMax = Math.max(rMax, Math.hypot(u1, u2));
  }
  rMax *= 1.2;
  const ringEN: [number, number][] = [];
  const steps = 80;
  for (let k = 0; k < 72; k++) {
    const t = (2 * Math.PI * k) / 72;
    const u1 = Math.cos(t);
    const u2 = Math.sin(t);
    const de = l11 * u1;
    const dn = l21 * u1 + l22 * u2;
    let last = 0;
    for (let i = 1; i <= steps; i++) {
      const rr = (rMax * i) / steps;
      if (dens(ce + rr * de, cn + rr * dn) >= tau) last = i;
    }
    let lo = (rMax * last) / steps;
    let hi = (rMax * (last + 1)) / steps;
    for (let it = 0; it < 8; it++) {
      const mid = 0.5 * (lo + hi);
      if (dens(ce + mid * de, cn + mid * dn) >= tau) lo = mid;
      else hi = mid;
    }
    ringEN.push([ce + lo * de, cn + lo * dn]);
  }
  ringEN.push(ringEN[0] as [number, number]);
  let area = 0;
  for (let k = 0; k < 72; k++) {
    const p0 = ringEN[k] as [number, number];
    const p1 = ringEN[k + 1] as [number, number];
    area += p0[0] * p1[1] - p1[0] * p0[1];
  }
  const [ve, ven, vn] = ellipseCovEN;
  const det = ve * vn - ven * ven;
  const r2 = chisquareQuantile(0.95, 2);
  let inEllipse = 0;
  for (let s = 0; s < N; s++) {
    const de = e[s] as number;
    const dn = nn[s] as number;
    if ((vn * de * de - 2 * ven * de * dn + ve * dn * dn) / det <= r2) inEllipse += w[s] as number;
  }
  const polygon = ringEN.map(([pe, pn]): [number, number] => {
    const g = geodesicDirect(launch.latDeg, launch.lonDeg, Math.atan2(pe, pn) / RAD, Math.hypot(pe, pn));
    return [g.lonDeg, g.latDeg];
  });
  return {
    probability,
    polygon,
    ringEN,
    areaM2: Math.abs(area) / 2,
    ellipseAreaM2: Math.PI * r2 * Math.sqrt(Math.max(det, 0)),
    ellipseMass: inEllipse,
    ess,
    samples: N,
    meanEN: [me, mn],
  };
}

/** True when the point (east, north) lies inside the closed ring (even-odd rule). */
export function insideRing(ring: readonly (readonly [number, number])[], pe: number, pn: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i] as readonly [number, number];
    const [xj, yj] = ring[j] as readonly [number, number];
    if (yi > pn !== yj > pn && pe < ((xj - xi) * (pn - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
