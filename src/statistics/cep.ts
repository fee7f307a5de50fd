import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';

/** A 2×2 covariance of horizontal errors in m², east/north. */
export interface Covariance2 {
  readonly eeM2: number;
  readonly enM2: number;
  readonly nnM2: number;
}

export interface ErrorEllipse {
  readonly semiMajorM: number;
  readonly semiMinorM: number;
  /** Azimuth of the major axis, degrees clockwise from north, in [0, 180). */
  readonly majorAxisAzimuthDeg: number;
  readonly confidence: number;
}

function checkCov(c: Covariance2): { l1: number; l2: number; azDeg: number } {
  const { eeM2: a, enM2: b, nnM2: d } = c;
  if (![a, b, d].every(Number.isFinite) || a < 0 || d < 0 || a * d - b * b < -1e-12 * Math.max(1, a * d)) {
    throw new RangeError('covariance must be finite, symmetric positive semi-definite');
  }
  const tr = a + d;
  const disc = Math.sqrt(Math.max(0, ((a - d) / 2) ** 2 + b * b));
  const l1 = tr / 2 + disc;
  const l2 = Math.max(0, tr / 2 - disc);
  // eigenvector of l1 in (east, north): angle from east axis = 0.5 atan2(2b, a - d)
  const thetaFromEast = 0.5 * Math.atan2(2 * b, a - d);
  let azDeg = 90 - (thetaFromEast * 180) / Math.PI;
  azDeg = ((azDeg % 180) + 180) % 180;
  return { l1, l2, azDeg };
}

/**
 * Error ellipse of a zero-mean bivariate Gaussian: the region x'Σ⁻¹x <= χ²₂(confidence), semi-axes
 * sqrt(λ_i χ²₂(p)) with λ the eigenvalues of Σ (χ²₂(0.95) = 5.991, so the 95 % semi-major axis is 2.448 σ_max).
 * Accuracy: closed form to floating point. Validity: Σ symmetric positive semi-definite; confidence in (0, 1).
 */
export function errorEllipse(cov: Covariance2, confidence = 0.95): ErrorEllipse {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('confidence must lie in (0, 1)');
  const { l1, l2, azDeg } = checkCov(cov);
  const k2 = chisquareQuantile(confidence, 2);
  return {
    semiMajorM: Math.sqrt(l1 * k2),
    semiMinorM: Math.sqrt(l2 * k2),
    majorAxisAzimuthDeg: azDeg,
    confidence,
  };
}

/**
 * Circular error probable of a zero-mean bivariate Gaussian: the radius r with P(|x| <= r) = 0.5.
 * In the principal frame (σ1 >= σ2), P(|x| <= r) = ∫_{−r}^{r} φ(x/σ1)/σ1 · (2Φ(√(r² − x²)/σ2) − 1) dx; with
 * x = r sin ψ the integrand is smooth on [−π/2, π/2] and the midpoint rule (4096 nodes) is used; r by bisection
 * to 1e-10 relative. Accuracy: < 1e-6 relative for any σ2/σ1 (circular case σ√(2 ln 2) = 1.177410 σ, degenerate
 * case → 0.674490 σ1, the half-normal median; both tested). Validity: Σ symmetric positive semi-definite.
 */
export function cepFromCovariance(cov: Covariance2): number {
  const { l1, l2 } = checkCov(cov);
  if (l1 === 0) return 0;
  const s1 = Math.sqrt(l1);
  const s2 = Math.sqrt(l2);
  const K = 4096;
  const prob = (r: number): number => {
    let sum = 0;
    for (let i = 0; i < K; i++) {
      const psi = -Math.PI / 2 + ((i + 0.5) * Math.PI) / K;
      const x = r * Math.sin(psi);
      const y = r * Math.cos(psi);
      const inner = s2 > 0 ? 2 * normalCdf(y / s2, 0, 1) - 1 : 1;
      sum += (Math.exp((-x * x) / (2 * s1 * s1)) / (s1 * Math.sqrt(2 * Math.PI))) * inner * y;
    }
    return (sum * Math.PI) / K;
  };
  let lo = 0;
  let hi = 3 * s1;
  while (hi - lo > 1e-10 * s1) {
    const m = (lo + hi) / 2;
    if (prob(m) < 0.5) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
}

/**
 * Empirical CEP: the median distance of impact points from the aim point (east/north offsets in metres).
 * Model-free; for n points the sample median has a standard error of roughly 1.25 · CEP / sqrt(n) ... read it
 * with its sample size. Returns null for no points.
 */
export function empiricalCepM(
  offsets: readonly { readonly eastM: number; readonly northM: number }[],
): number | null {
  if (offsets.length === 0) return null;
  const r = offsets.map((o) => Math.hypot(o.eastM, o.northM)).sort((a, b) => a - b);
  const n = r.length;
  const at = (i: number): number => r[i] ?? 0;
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}
