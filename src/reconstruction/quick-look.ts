import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { enuFrame, geodeticRadToEcef, pointAt } from '../geodesy/index.js';
import {
  choleskyLower,
  forwardSubstitute,
  createRtsSmoother,
  createUnscentedKalmanFilter,
  type FilterTrack,
  type Observation as FilterObservation,
  type SmoothedTrack,
} from '../estimation/index.js';
import { seededRng } from '../kernel/index.js';
import type { DepartureVerdict, ResidualChannel } from './departure.js';
import { departureTests, whiteNull } from './departure.js';
import type { DepartureOptions } from './departure.js';
import type { Verdict } from './failure.js';
import { acceleration } from './dynamics.js';
import type { DynamicsContext } from './dynamics.js';
import type { Observation } from './observation.js';
import type { EcefBallisticSettings } from './quick-look-models.js';
import { createEcefBallisticModel, fixEcefModel, radarEcefModel } from './quick-look-models.js';
import { stateAt } from './trajectory.js';
import type { Trajectory } from './trajectory.js';

export interface QuickLookOptions extends EcefBallisticSettings {
  /** Use rows from this time on (s after the epoch): the post-burnout part of the track. Default: all rows. */
  readonly fromS?: number;
  /** Launch time, s after the epoch (to state row times after launch). Default 0. */
  readonly launchTimeS?: number;
  /** Prior mean and sigma of ln beta (kg/m^2). Default ln 12,500 +- 1. */
  readonly lnBetaPrior?: { readonly mean: number; readonly sigma: number };
  /** Rows used to initialise position and velocity (default 6). */
  readonly initRows?: number;
  /** Departure tests on the innovations (default on, 999 replications); false skips them. */
  readonly departure?: DepartureOptions | false;
  readonly seed?: number;
  readonly alpha?: number;
}

/** The quick look: UKF + RTS smoother over the post-burnout radar and fix rows in ECEF (issue 3). */
export interface QuickLook {
  /** Rows filtered (radar plots and fixes at or after `fromS`). */
  readonly rows: number;
  /** First and last row times, s after launch. */
  readonly fromS: number;
  readonly toS: number;
  readonly filter: FilterTrack;
  readonly smoothed: SmoothedTrack;
  /** Row times of the filter steps, s after launch. */
  readonly timesAfterLaunchS: Float64Array;
  /** Total NIS against chi-square(sum of the rows' dimensions). */
  readonly nis: Verdict;
  /** NIS per degree of freedom (1 when the model and the sigmas are right). */
  readonly nisPerDof: number;
  /** CUSUM and GLR on the whitened innovations (white under the model, so the null is exact). */
  readonly departure: { readonly cusum: DepartureVerdict; readonly glr: DepartureVerdict } | undefined;
  /** Smoothed ln beta and its sigma at the last row. */
  readonly lnBeta: { readonly mean: number; readonly sigma: number };
}

const RAD = Math.PI / 180;

/**
 * Quick look (issue 3): an unscented Kalman filter and the RTS smoother of the estimation module over the radar
 * plots and position fixes of a track, with the 7-state ECEF ballistic model of quick-look-models.ts (the batch
 * fit's own post-burnout dynamics) and one measurement model per row. Initialisation: position and velocity from
 * a least-squares fit of the first `initRows` plots (converted to ECEF) with the gravity at the first one, and a
 * wide prior (4 x the plots' position sigma, velocity sigma from the span plus 30 m/s); ln beta from its prior.
 * Gives the smoothed track, the NIS per step and in total, and CUSUM/GLR departure tests on the whitened
 * innovations (seeded from `seed`). Validity: post-burnout flight only — rows in the boost violate the model
 * (the NIS says so); give `fromS` = burnout. Returns undefined with fewer than `initRows` + 2 usable rows.
 */
export function quickLook(
  observations: readonly Observation[],
  epochMs: number,
  o: QuickLookOptions = {},
): QuickLook | undefined {
  const from = o.fromS ?? -Infinity;
  const t0 = o.launchTimeS ?? 0;
  const rows = observations
    .filter((q) => q.kind === 'radar' || q.kind === 'fix')
    .map((q) => ({ q, tS: ((q.t as number) - epochMs) / 1000 }))
    .filter((r) => r.tS >= from)
    .sort((a, b) => a.tS - b.tS);
  const k0 = o.initRows ?? 6;
  if (rows.length < k0 + 2) return undefined;

  const obs: FilterObservation[] = [];
  const keys: string[] = [];
  const posSigma: number[] = [];
  const pos: number[][] = [];
  for (const r of rows) {
    const q = r.q;
    if (q.kind === 'radar') {
      const { model, z } = radarEcefModel(q);
      obs.push({ tS: r.tS, z, model });
      keys.push(
        `radar at ${q.site.latDeg.toFixed(4)}, ${q.site.lonDeg.toFixed(4)}, ${q.site.altM.toFixed(0)} m`,
      );
      posSigma.push(Math.max(q.sigmaRangeM, q.rangeM * q.sigmaAngleDeg * RAD));
      const p = pointAt(enuFrame(q.site), {
        azRad: (q.azDeg * RAD) as never,
        elRad: (q.elDeg * RAD) as never,
        rangeM: q.rangeM as never,
      });
      pos.push([p[0], p[1], p[2]]);
    } else if (q.kind === 'fix') {
      const { model, z } = fixEcefModel(q);
      obs.push({ tS: r.tS, z, model });
      keys.push('fix');
      posSigma.push(Math.max(q.sigmaHM, q.sigmaVM));
      const p = [0, 0, 0];
      geodeticRadToEcef(q.latDeg * RAD, q.lonDeg * RAD, q.altM, p);
      pos.push(p);
    }
  }

  // Initial state: p(t) = a + b (t - t1) + g (t - t1)^2 / 2 by least squares over the first k0 rows.
  const first = rows[0] as (typeof rows)[number];
  const g = [0, 0, 0, 0, 0, 0];
  const ctx: DynamicsContext = {
    up0: [0, 0, 1],
    kick: [0, 0, 1],
    mdotKgS: 0,
    motor: { m0Kg: 1, mfKg: 1, burnTimeS: 0, exhaustVelocityMps: 0, verticalRiseS: 0, kickS: 0, cdAM2: 0 },
    turnStartS: 0,
    geo: [0, 0, 0],
  };
  acceleration(ctx, 1, 1, [...(pos[0] as number[]), 0, 0, 0], g);
  const ts = rows.slice(0, k0).map((r) => r.tS - first.tS);
  const n = ts.length;
  const tm = ts.reduce((a, b) => a + b, 0) / n;
  const stt = ts.reduce((a, t) => a + (t - tm) ** 2, 0);
  const mean = new Float64Array(7);
  for (let j = 0; j < 3; j++) {
    const yv = ts.map((t, i) => ((pos[i] as number[])[j] as number) - 0.5 * (g[3 + j] as number) * t * t);
    const ym = yv.reduce((a, b) => a + b, 0) / n;
    const b = ts.reduce((a, t, i) => a + (t - tm) * ((yv[i] as number) - ym), 0) / stt;
    mean[j] = ym - b * tm;
    mean[3 + j] = b;
  }
  const lb = o.lnBetaPrior ?? { mean: Math.log(12_500), sigma: 1 };
  mean[6] = lb.mean;
  const sp = Math.max(...posSigma.slice(0, k0));
  const span = Math.max(1, (ts[n - 1] as number) - (ts[0] as number));
  const covar = new Float64Array(49);
  for (let j = 0; j < 3; j++) {
    covar[j * 8] = (4 * sp) ** 2;
    covar[(j + 3) * 8] = ((4 * sp) / span) ** 2 + 30 ** 2;
  }
  covar[48] = lb.sigma ** 2;

  const transition = createEcefBallisticModel(o);
  const run = createUnscentedKalmanFilter().run({
    prior: { mean, covar },
    priorTimeS: first.tS,
    transition,
    observations: obs,
  });
  if (!run.ok) return undefined;
  const track = run.value;
  const sm = createRtsSmoother().smooth(track, transition);
  if (!sm.ok) return undefined;

  // Whitened innovations L^-1 nu (L L^T = S) and sensor channels for the departure tests.
  const white = new Float64Array(track.innovations.length);
  const L = new Float64Array(16);
  let nisSum = 0;
  let dof = 0;
  for (let k = 0; k < track.length; k++) {
    const m = track.measurementDims[k] as number;
    const io = track.innovationOffsets[k] as number;
    const so = track.innovationCovarOffsets[k] as number;
    choleskyLower(track.innovationCovars.subarray(so, so + m * m), m, L);
    for (let i = 0; i < m; i++) white[io + i] = track.innovations[io + i] as number;
    forwardSubstitute(L, m, white, io);
    nisSum += track.nis[k] as number;
    dof += m;
  }
  const groups = new Map<string, number[]>();
  keys.forEach((key, k) => groups.set(key, [...(groups.get(key) ?? []), k]));
  const channels: ResidualChannel[] = [...groups.entries()].map(([key, ks]) => ({
    key,
    offsets: Int32Array.from(ks, (k) => track.innovationOffsets[k] as number),
    dims: Int32Array.from(ks, (k) => track.measurementDims[k] as number),
    timesS: Float64Array.from(ks, (k) => (track.tS[k] as number) - t0),
  }));
  const departure =
    o.departure === false
      ? undefined
      : departureTests(white, channels, whiteNull(white.length), seededRng(o.seed ?? 1), {
          ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
          ...(o.departure ?? {}),
        });
  const last = track.length - 1;
  return {
    rows: track.length,
    fromS: (track.tS[0] as number) - t0,
    toS: (track.tS[last] as number) - t0,
    filter: track,
    smoothed: sm.value,
    timesAfterLaunchS: track.tS.map((t) => t - t0),
    nis: {
      test: 'quick-look NIS (UKF innovations)',
      statistic: nisSum,
      pValue: 1 - chisquareCdf(nisSum, dof),
      detail: `sum of ${track.length} normalised innovations squared ${nisSum.toFixed(1)} on ${dof} degrees of freedom`,
    },
    nisPerDof: nisSum / dof,
    departure,
    lnBeta: {
      mean: sm.value.means[last * 7 + 6] as number,
      sigma: Math.sqrt(sm.value.covars[last * 49 + 48] as number),
    },
  };
}

/** Agreement of a fitted trajectory with the quick look, as a verdict (see {@link quickLookAgreement}). */
export interface QuickLookAgreement extends Verdict {
  /** RMS and largest distance between the fitted and the smoothed positions over the quick-look rows, m. */
  readonly rmsM: number;
  readonly maxM: number;
}

/**
 * Check of the batch fit against the quick look: the fitted flight's ECEF position at each quick-look row
 * against the smoothed N(x_k|N, P_k|N) (3-D Mahalanobis distance squared, chi-square 3 at each row); the
 * statistic is the largest over the rows, Šidák-corrected for their number, and ln beta's z-score. Both
 * estimates use the same plots, so agreement is necessary, not sufficient; disagreement means one of the two
 * models does not describe the flight (the boost reaching into the quick-look rows, a manoeuvre, a wrong
 * template). Approximate: ignores the fit's own uncertainty (smaller than the smoother's when the boost is seen).
 */
export function quickLookAgreement(q: QuickLook, tr: Trajectory, lnBetaFit: number): QuickLookAgreement {
  const st = [0, 0, 0, 0, 0, 0];
  const L = new Float64Array(9);
  const d = new Float64Array(3);
  let worst = 0;
  let sq = 0;
  let maxM = 0;
  const k = q.smoothed.length;
  for (let i = 0; i < k; i++) {
    stateAt(tr, q.timesAfterLaunchS[i] as number, st);
    for (let a = 0; a < 3; a++) d[a] = (st[a] as number) - (q.smoothed.means[i * 7 + a] as number);
    const dist2 = (d[0] as number) ** 2 + (d[1] as number) ** 2 + (d[2] as number) ** 2;
    sq += dist2;
    maxM = Math.max(maxM, Math.sqrt(dist2));
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) L[a * 3 + b] = q.smoothed.covars[i * 49 + a * 7 + b] as number;
    if (choleskyLower(L, 3, L) >= 0) continue;
    forwardSubstitute(L, 3, d);
    worst = Math.max(worst, (d[0] as number) ** 2 + (d[1] as number) ** 2 + (d[2] as number) ** 2);
  }
  const pRow = 1 - chisquareCdf(worst, 3);
  const pPos = 1 - Math.pow(1 - pRow, k);
  const z = (q.lnBeta.mean - lnBetaFit) / q.lnBeta.sigma;
  const pBeta = 2 * (1 - normalCdf(Math.abs(z), 0, 1));
  return {
    test: 'batch fit vs quick look',
    statistic: worst,
    pValue: Math.min(1, 2 * Math.min(pPos, pBeta)),
    rmsM: Math.sqrt(sq / Math.max(1, k)),
    maxM,
    detail: `largest position Mahalanobis distance squared ${worst.toFixed(1)} over ${k} rows (Šidák p ${pPos.toExponential(2)}); ln beta ${q.lnBeta.mean.toFixed(3)} ± ${q.lnBeta.sigma.toFixed(3)} vs fit ${lnBetaFit.toFixed(3)} (z ${z.toFixed(2)}); Bonferroni over the two`,
  };
}
