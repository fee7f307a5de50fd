import type { Rng } from '../kernel/index.js';
import type { Verdict } from './failure.js';

/**
 * The whitened residuals (or innovations) of one sensor, in time order: row k's components are
 * r[offsets[k] .. offsets[k] + dims[k]), observed timesS[k] seconds after launch.
 */
export interface ResidualChannel {
  readonly key: string;
  readonly offsets: Int32Array;
  readonly dims: Int32Array;
  readonly timesS: Float64Array;
}

/** A departure-from-the-model verdict: statistic, Monte Carlo p-value, calibrated threshold and where. */
export interface DepartureVerdict extends Verdict {
  /** Critical value at the significance level `alpha`: the (1 - alpha) quantile of the statistic's null law. */
  readonly threshold: number;
  /** False-alarm rate of `threshold` (per track, all channels and components together). */
  readonly alpha: number;
  /** Monte Carlo replications behind the p-value (its resolution is 1 / (replications + 1)). */
  readonly replications: number;
  /** Sensor whose residuals gave the largest statistic. */
  readonly channel: string;
  /** Span of the departure, s after launch: CUSUM from the start of the run to its peak; GLR the segment. */
  readonly fromS: number;
  readonly toS: number;
}

export interface DepartureOptions {
  /** Monte Carlo replications of the null law (default 999). */
  readonly replications?: number;
  /** Reference value k of the CUSUM in sigmas (default 0.25: tuned to shifts of about 0.5 sigma). */
  readonly cusumDriftSigma?: number;
  /** Segment lengths (rows) of the GLR scan (default 4, 8, 16, 32, 64, 128 and the whole channel). */
  readonly glrWindows?: readonly number[];
  /** Significance level of the stated thresholds (default 0.01). */
  readonly alpha?: number;
}

/** Draws one residual vector of the null hypothesis (the model is right) into `out`. */
export type NullDraw = (rng: Rng, out: Float64Array) => void;

interface Peak {
  stat: number;
  channel: number;
  from: number;
  to: number;
}

/**
 * Two-sided Page CUSUM on every whitened component of every channel: S+_k = max(0, S+_{k-1} + r_k - k0),
 * S-_k = max(0, S-_{k-1} - r_k - k0); the statistic is the largest S over components, channels and rows, with
 * the run it belongs to (from the row after S was last 0 to the peak). Page (1954) with reference value k0.
 */
export function cusumStatistic(r: Float64Array, channels: readonly ResidualChannel[], k0: number): Peak {
  const best: Peak = { stat: 0, channel: 0, from: 0, to: 0 };
  channels.forEach((ch, ci) => {
    const rows = ch.offsets.length;
    let maxDim = 0;
    for (let i = 0; i < rows; i++) maxDim = Math.max(maxDim, ch.dims[i] as number);
    for (let c = 0; c < maxDim; c++) {
      let sp = 0;
      let sm = 0;
      let startP = 0;
      let startM = 0;
      for (let i = 0; i < rows; i++) {
        if ((ch.dims[i] as number) <= c) continue;
        const v = r[(ch.offsets[i] as number) + c] as number;
        if (sp === 0) startP = i;
        if (sm === 0) startM = i;
        sp = Math.max(0, sp + v - k0);
        sm = Math.max(0, sm - v - k0);
        if (sp > best.stat) Object.assign(best, { stat: sp, channel: ci, from: startP, to: i });
        if (sm > best.stat) Object.assign(best, { stat: sm, channel: ci, from: startM, to: i });
      }
    }
  });
  return best;
}

/**
 * Generalised likelihood ratio for a mean shift of unknown size and direction in an unknown segment of one
 * channel (Willsky & Jones 1976, with a moving window): for a segment of L rows, 2 ln LR = sum over components
 * of (sum of the component over the segment)^2 / (its count), chi-square with the segment's dimension when the
 * segment is fixed. Maximised over segments of the given lengths at every start, and over channels.
 */
export function glrStatistic(
  r: Float64Array,
  channels: readonly ResidualChannel[],
  windows: readonly number[],
  workspace: Float64Array[] = [],
): Peak {
  const best: Peak = { stat: 0, channel: 0, from: 0, to: 0 };
  channels.forEach((ch, ci) => {
    const rows = ch.offsets.length;
    let maxDim = 0;
    for (let i = 0; i < rows; i++) maxDim = Math.max(maxDim, ch.dims[i] as number);
    // Prefix sums per component: sum[c][i] over rows < i, and counts (buffers reused across calls).
    const size = (rows + 1) * maxDim;
    if (workspace[2 * ci]?.length !== size) {
      workspace[2 * ci] = new Float64Array(size);
      workspace[2 * ci + 1] = new Float64Array(size);
    }
    const sum = workspace[2 * ci] as Float64Array;
    const cnt = workspace[2 * ci + 1] as Float64Array;
    for (let i = 0; i < rows; i++) {
      const d = ch.dims[i] as number;
      const o = ch.offsets[i] as number;
      for (let c = 0; c < maxDim; c++) {
        const has = c < d;
        sum[(i + 1) * maxDim + c] = (sum[i * maxDim + c] as number) + (has ? (r[o + c] as number) : 0);
        cnt[(i + 1) * maxDim + c] = (cnt[i * maxDim + c] as number) + (has ? 1 : 0);
      }
    }
    const lens = [...new Set([...windows.filter((w) => w < rows), rows])];
    for (const len of lens) {
      for (let a = 0; a + len <= rows; a++) {
        const b = a + len;
        let s = 0;
        for (let c = 0; c < maxDim; c++) {
          const n = (cnt[b * maxDim + c] as number) - (cnt[a * maxDim + c] as number);
          if (n === 0) continue;
          const t = (sum[b * maxDim + c] as number) - (sum[a * maxDim + c] as number);
          s += (t * t) / n;
        }
        if (s > best.stat) Object.assign(best, { stat: s, channel: ci, from: a, to: b - 1 });
      }
    }
  });
  return best;
}

/**
 * CUSUM and GLR tests of departure from the model on whitened residuals or innovations, each with its p-value
 * and calibrated threshold. The null law of each statistic (maximised over channels, components, rows and
 * segments) is found by Monte Carlo: `nullDraw` gives residual vectors distributed as under the model (white
 * N(0, I) for filter innovations; (I - J (J^T J)^-1 J^T) e for the residuals of a least-squares fit, which
 * absorbs part of any departure), p = (1 + #{null >= observed}) / (B + 1) (exact-size Monte Carlo test, Davison
 * & Hinkley 1997, §4.2), threshold = the (1 - alpha) quantile of the B null values. Randomness only through
 * `rng` (seeded from the input by the caller, so the verdict replays bit-identically).
 * Validity: Gaussian errors with the stated sigmas and a locally linear model; the tests see departures that
 * persist over several consecutive rows of one sensor (a manoeuvre, a drag change, a sensor bias that starts
 * mid-track), not a single outlier (the windowed NIS does). Returns undefined without timed rows.
 */
export function departureTests(
  r: Float64Array,
  channels: readonly ResidualChannel[],
  nullDraw: NullDraw,
  rng: Rng,
  o: DepartureOptions = {},
): { cusum: DepartureVerdict; glr: DepartureVerdict } | undefined {
  const used = channels.filter((c) => c.offsets.length > 0);
  if (used.length === 0) return undefined;
  const B = o.replications ?? 999;
  const k0 = o.cusumDriftSigma ?? 0.25;
  const windows = o.glrWindows ?? [4, 8, 16, 32, 64, 128];
  const alpha = o.alpha ?? 0.01;
  const cus = cusumStatistic(r, used, k0);
  const glr = glrStatistic(r, used, windows);
  const buf = new Float64Array(r.length);
  const nullC = new Float64Array(B);
  const nullG = new Float64Array(B);
  const ws: Float64Array[] = [];
  for (let b = 0; b < B; b++) {
    nullDraw(rng, buf);
    nullC[b] = cusumStatistic(buf, used, k0).stat;
    nullG[b] = glrStatistic(buf, used, windows, ws).stat;
  }
  const verdict = (
    name: string,
    p: Peak,
    nulls: Float64Array,
    what: (ch: ResidualChannel, from: number, to: number) => string,
  ): DepartureVerdict => {
    let exceed = 0;
    for (let b = 0; b < B; b++) if ((nulls[b] as number) >= p.stat) exceed++;
    const sorted = Float64Array.from(nulls).sort();
    const threshold = sorted[Math.min(B - 1, Math.ceil((1 - alpha) * (B + 1)) - 1)] as number;
    const ch = used[p.channel] as ResidualChannel;
    const fromS = ch.timesS[p.from] as number;
    const toS = ch.timesS[p.to] as number;
    return {
      test: name,
      statistic: p.stat,
      pValue: (1 + exceed) / (B + 1),
      threshold,
      alpha,
      replications: B,
      channel: ch.key,
      fromS,
      toS,
      detail: `${what(ch, p.from, p.to)}; threshold ${threshold.toFixed(2)} at a false-alarm rate of ${alpha} per track (Monte Carlo, ${B} replications)`,
    };
  };
  const span = (ch: ResidualChannel, a: number, b: number): string =>
    `${ch.key}, rows ${a + 1}–${b + 1} of ${ch.offsets.length} (${(ch.timesS[a] as number).toFixed(1)}–${(ch.timesS[b] as number).toFixed(1)} s after launch)`;
  return {
    cusum: verdict(
      'CUSUM of whitened residuals',
      cus,
      nullC,
      (ch, a, b) =>
        `largest excursion ${cus.stat.toFixed(2)} sigma-units (reference ${k0} sigma) in ${span(ch, a, b)}`,
    ),
    glr: verdict(
      'GLR mean shift of whitened residuals',
      glr,
      nullG,
      (ch, a, b) => `2 ln LR ${glr.stat.toFixed(2)} for a mean shift in ${span(ch, a, b)}`,
    ),
  };
}

/**
 * Null draws for the whitened residuals of a weighted least-squares fit: r = (I - J F J^T) e with e ~ N(0, I_m),
 * J the m x n whitened Jacobian at the estimate and F = (J^T J)^-1 (the residuals of the linearised fit when the
 * model is right). Exact for the linearised model; O(m n) per draw.
 */
export function fitResidualNull(j: Float64Array, fisher: Float64Array, m: number, n: number): NullDraw {
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  return (rng, out) => {
    const e = out;
    for (let i = 0; i < m; i++) e[i] = rng.normal();
    g.fill(0);
    for (let i = 0; i < m; i++) {
      const ei = e[i] as number;
      const row = i * n;
      for (let a = 0; a < n; a++) g[a] = (g[a] as number) + (j[row + a] as number) * ei;
    }
    for (let a = 0; a < n; a++) {
      let s = 0;
      for (let b = 0; b < n; b++) s += (fisher[a * n + b] as number) * (g[b] as number);
      h[a] = s;
    }
    for (let i = 0; i < m; i++) {
      let s = 0;
      const row = i * n;
      for (let a = 0; a < n; a++) s += (j[row + a] as number) * (h[a] as number);
      out[i] = (e[i] as number) - s;
    }
  };
}

/** Null draws of white N(0, I) innovations of length m. */
export const whiteNull =
  (m: number): NullDraw =>
  (rng, out) => {
    for (let i = 0; i < m; i++) out[i] = rng.normal();
  };
