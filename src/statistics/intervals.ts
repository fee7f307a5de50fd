import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** A closed interval [lo, hi] on a proportion (both in [0, 1]). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** The signature shared by every binomial interval in this module. */
export type BinomialInterval = (successes: number, trials: number, confidence?: number) => Interval;

/** Throws a RangeError (a programming bug, not bad user data) unless the arguments describe a binomial count. */
export function checkBinomialArgs(successes: number, trials: number, confidence: number): void {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`trials must be a non-negative integer, got ${String(trials)}`);
  }
  if (!Number.isInteger(successes) || successes < 0) {
    throw new RangeError(`successes must be a non-negative integer, got ${String(successes)}`);
  }
  if (successes > trials) {
    throw new RangeError(`successes (${String(successes)}) must not exceed trials (${String(trials)})`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must lie in (0, 1), got ${String(confidence)}`);
  }
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Wilson score interval (Wilson 1927) for a binomial proportion, without continuity correction.
 *
 * Model: x ~ Binomial(n, p); the interval inverts the score test |p̂ - p| <= z sqrt(p(1-p)/n), giving
 * centre (x + z²/2)/(n + z²) and half-width z/(n + z²) * sqrt(x(n-x)/n + z²/4), z = Φ⁻¹(1 - α/2).
 * Accuracy: closed form, exact to floating point (~1e-15). Validity: any n >= 1; coverage close to nominal
 * for n >= ~10 (Brown, Cai & DasGupta 2001 recommend it for small n). n = 0 returns [0, 1].
 * Throws RangeError for invalid arguments (negative, non-integer, successes > trials, confidence ∉ (0, 1)).
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  checkBinomialArgs(successes, trials, confidence);
  if (trials === 0) return { lo: 0, hi: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const n = trials;
  const x = successes;
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return {
    lo: x === 0 ? 0 : clamp01(centre - half),
    hi: x === n ? 1 : clamp01(centre + half),
  };
}

/**
 * Jeffreys interval: the equal-tailed credible interval of the Beta(x + 1/2, n - x + 1/2) posterior under the
 * Jeffreys prior Beta(1/2, 1/2), with the modification of Brown, Cai & DasGupta (2001, §4.1.2): lo = 0 when
 * x = 0 and hi = 1 when x = n (so the interval always contains p̂).
 * Accuracy: limited by the stdlib Beta quantile (relative error ~1e-12 in tests). Validity: any n >= 1;
 * n = 0 returns [0, 1]. Throws RangeError for invalid arguments.
 */
export function jeffreysInterval(successes: number, trials: number, confidence = 0.95): Interval {
  checkBinomialArgs(successes, trials, confidence);
  if (trials === 0) return { lo: 0, hi: 1 };
  const a = successes + 0.5;
  const b = trials - successes + 0.5;
  const tail = (1 - confidence) / 2;
  return {
    lo: successes === 0 ? 0 : clamp01(betaQuantile(tail, a, b)),
    hi: successes === trials ? 1 : clamp01(betaQuantile(1 - tail, a, b)),
  };
}

/**
 * Clopper–Pearson "exact" interval (Clopper & Pearson 1934): inverts two one-sided binomial tests, so the
 * coverage is at least the nominal level for every p (conservative). lo = B⁻¹(α/2; x, n - x + 1) (0 if x = 0),
 * hi = B⁻¹(1 - α/2; x + 1, n - x) (1 if x = n), B⁻¹ the Beta quantile.
 * Accuracy: limited by the stdlib Beta quantile (~1e-12). Validity: any n >= 1; n = 0 returns [0, 1].
 * Throws RangeError for invalid arguments.
 */
export function clopperPearsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  checkBinomialArgs(successes, trials, confidence);
  if (trials === 0) return { lo: 0, hi: 1 };
  const tail = (1 - confidence) / 2;
  const x = successes;
  const n = trials;
  return {
    lo: x === 0 ? 0 : clamp01(betaQuantile(tail, x, n - x + 1)),
    hi: x === n ? 1 : clamp01(betaQuantile(1 - tail, x + 1, n - x)),
  };
}
