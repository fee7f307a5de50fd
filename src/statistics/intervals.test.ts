import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clopperPearsonInterval,
  jeffreysInterval,
  wilsonInterval,
  type BinomialInterval,
} from './intervals.js';

/**
 * Reference values: Newcombe, R. G. (1998), "Two-sided confidence intervals for the single proportion:
 * comparison of seven methods", Statistics in Medicine 17, 857–872, Table II, worked examples (a)–(d),
 * 95 % intervals printed to 4 decimals: method 3 (Wilson score, no continuity correction) and method 5
 * (Clopper–Pearson exact). Tolerance: 5e-5 (half a unit in the 4th printed decimal).
 */
const NEWCOMBE_1998 = [
  { x: 81, n: 263, wilson: [0.2553, 0.3662], exact: [0.2527, 0.3676] },
  { x: 15, n: 148, wilson: [0.0624, 0.1605], exact: [0.0578, 0.1617] },
  { x: 0, n: 20, wilson: [0.0, 0.1611], exact: [0.0, 0.1684] },
  { x: 1, n: 29, wilson: [0.0061, 0.1718], exact: [0.0009, 0.1776] },
] as const;
const TOL_4DP = 5e-5;

describe('wilsonInterval', () => {
  it.each(NEWCOMBE_1998)('matches Newcombe (1998) Table II for $x/$n', ({ x, n, wilson }) => {
    const ci = wilsonInterval(x, n);
    expect(Math.abs(ci.lo - wilson[0])).toBeLessThanOrEqual(TOL_4DP);
    expect(Math.abs(ci.hi - wilson[1])).toBeLessThanOrEqual(TOL_4DP);
  });
  it('gives [0, 1] for zero trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lo: 0, hi: 1 });
  });
});

describe('clopperPearsonInterval', () => {
  it.each(NEWCOMBE_1998)('matches Newcombe (1998) Table II for $x/$n', ({ x, n, exact }) => {
    const ci = clopperPearsonInterval(x, n);
    expect(Math.abs(ci.lo - exact[0])).toBeLessThanOrEqual(TOL_4DP);
    expect(Math.abs(ci.hi - exact[1])).toBeLessThanOrEqual(TOL_4DP);
  });
  it('has the closed form 1 - (α/2)^(1/n) at x = 0 and its mirror at x = n (tolerance 1e-10)', () => {
    for (const n of [1, 3, 10, 50, 300]) {
      expect(clopperPearsonInterval(0, n).hi).toBeCloseTo(1 - 0.025 ** (1 / n), 10);
      expect(clopperPearsonInterval(n, n).lo).toBeCloseTo(0.025 ** (1 / n), 10);
      expect(clopperPearsonInterval(0, n, 0.9).hi).toBeCloseTo(1 - 0.05 ** (1 / n), 10);
    }
  });
});

describe('jeffreysInterval', () => {
  /**
   * Analytic reference: for x = 0, n = 1 the posterior is Beta(1/2, 3/2), whose CDF has the closed form
   * F(p) = (2/π)(asin √p + √(p(1-p))) (substitute p = sin²θ). The Jeffreys upper limit solves F(p) = 0.975;
   * solved here by bisection to 1e-14. Tolerance 1e-9.
   */
  it('matches the closed-form Beta(1/2, 3/2) quantile for 0/1', () => {
    const cdf = (p: number): number => (2 / Math.PI) * (Math.asin(Math.sqrt(p)) + Math.sqrt(p * (1 - p)));
    let a = 0;
    let b = 1;
    while (b - a > 1e-14) {
      const m = (a + b) / 2;
      if (cdf(m) < 0.975) a = m;
      else b = m;
    }
    const ci = jeffreysInterval(0, 1);
    expect(ci.lo).toBe(0);
    expect(Math.abs(ci.hi - a)).toBeLessThan(1e-9);
    // and its mirror image for 1/1
    expect(Math.abs(jeffreysInterval(1, 1).lo - (1 - a))).toBeLessThan(1e-9);
  });
  /**
   * Independent check against a numerical integral of the Beta(x + 1/2, n - x + 1/2) density (midpoint rule
   * on a substitution that removes the endpoint singularities, 200 000 nodes): the reported limits must have
   * tail mass 0.025 each, to 1e-5 (the
   * quadrature's step error is ~5e-6).
   */
  it.each([
    [81, 263],
    [15, 148],
    [1, 29],
    [7, 10],
  ])('puts 2.5 %% of Beta(x+½, n−x+½) in each tail for %i/%i', (x, n) => {
    const ci = jeffreysInterval(x, n);
    const a = x + 0.5;
    const b = n - x + 0.5;
    const mass = (hi: number): number => {
      // ∫0^hi p^(a-1)(1-p)^(b-1) dp with p = sin²θ, dp = 2 sinθ cosθ dθ
      const thetaHi = Math.asin(Math.sqrt(hi));
      const k = 200_000;
      let s = 0;
      let total = 0;
      for (let i = 0; i < k; i++) {
        const th = ((i + 0.5) / k) * (Math.PI / 2);
        const f = 2 * Math.sin(th) ** (2 * a - 1) * Math.cos(th) ** (2 * b - 1);
        total += f;
        if (th <= thetaHi) s += f;
      }
      return s / total;
    };
    expect(Math.abs(mass(ci.lo) - 0.025)).toBeLessThan(1e-5);
    expect(Math.abs(mass(ci.hi) - 0.975)).toBeLessThan(1e-5);
  });
});

const methods: [string, BinomialInterval][] = [
  ['wilson', wilsonInterval],
  ['jeffreys', jeffreysInterval],
  ['clopper-pearson', clopperPearsonInterval],
];
const count = fc
  .integer({ min: 1, max: 2000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe.each(methods)('%s: properties', (_name, ci) => {
  it('contains the point estimate and stays inside [0, 1]', () => {
    fc.assert(
      fc.property(count, ([x, n]) => {
        const { lo, hi } = ci(x, n);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeLessThanOrEqual(x / n + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(x / n - 1e-12);
      }),
    );
  });
  it('nests: a higher confidence gives a wider interval', () => {
    fc.assert(
      fc.property(count, fc.double({ min: 0.5, max: 0.99, noNaN: true }), ([x, n], c) => {
        const narrow = ci(x, n, c);
        const wide = ci(x, n, Math.min(0.999, c + 0.005));
        expect(wide.lo).toBeLessThanOrEqual(narrow.lo + 1e-12);
        expect(wide.hi).toBeGreaterThanOrEqual(narrow.hi - 1e-12);
      }),
    );
  });
  it('is monotone in the number of successes', () => {
    fc.assert(
      fc.property(count, ([x, n]) => {
        fc.pre(x < n);
        const a = ci(x, n);
        const b = ci(x + 1, n);
        expect(b.lo).toBeGreaterThanOrEqual(a.lo - 1e-12);
        expect(b.hi).toBeGreaterThanOrEqual(a.hi - 1e-12);
      }),
    );
  });
  it('is symmetric: ci(n - x) = 1 - ci(x)', () => {
    fc.assert(
      fc.property(count, ([x, n]) => {
        const a = ci(x, n);
        const b = ci(n - x, n);
        expect(Math.abs(a.lo - (1 - b.hi))).toBeLessThan(1e-9);
        expect(Math.abs(a.hi - (1 - b.lo))).toBeLessThan(1e-9);
      }),
    );
  });
  it('throws RangeError on invalid input', () => {
    expect(() => ci(-1, 5)).toThrow(RangeError);
    expect(() => ci(6, 5)).toThrow(RangeError);
    expect(() => ci(1.5, 5)).toThrow(RangeError);
    expect(() => ci(1, 5.5)).toThrow(RangeError);
    expect(() => ci(1, -5)).toThrow(RangeError);
    expect(() => ci(1, 5, 0)).toThrow(RangeError);
    expect(() => ci(1, 5, 1)).toThrow(RangeError);
    expect(() => ci(1, 5, Number.NaN)).toThrow(RangeError);
    expect(ci(0, 0)).toEqual({ lo: 0, hi: 1 });
  });
});
