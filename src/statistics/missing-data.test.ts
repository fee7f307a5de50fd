import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { missingDataFailureRate, mixtureBetaInterval, type MissingDataCounts } from './missing-data.js';

const counts = (N: number, fd: number, fn: number, sd: number, sn: number): MissingDataCounts => ({
  launches: N,
  failures: { withDebris: fd, withoutDebris: fn },
  successes: { withDebris: sd, withoutDebris: sn },
});

describe('missingDataFailureRate', () => {
  it('gives Manski bounds [f/N, (f+U)/N] that contain the naive rate', () => {
    const r = missingDataFailureRate(counts(50, 2, 20, 19, 1));
    expect(r.counts).toEqual({
      launches: 50,
      knownFailures: 22,
      knownSuccesses: 20,
      unknown: 8,
      withDebris: 21,
    });
    expect(r.bounds).toEqual([22 / 50, 30 / 50]);
    expect(r.naive.rate).toBeCloseTo(22 / 42, 12);
    expect(r.boundsCi95[0]).toBeLessThan(r.bounds[0]);
    expect(r.boundsCi95[1]).toBeGreaterThan(r.bounds[1]);
    expect(r.bayes.assumption).toContain('ρ_F ~ Beta(1, 1)');
  });

  it('reduces to the conjugate Beta posterior when no outcome is unknown (tolerance 2e-4 on the limits)', () => {
    const r = missingDataFailureRate(counts(40, 3, 12, 20, 5), { failureRate: { a: 2, b: 3 } });
    const a = 2 + 15;
    const b = 3 + 25;
    expect(r.bayes.rate).toBeCloseTo(a / (a + b), 12);
    expect(Math.abs(r.bayes.ci95[0] - betaQuantile(0.025, a, b))).toBeLessThan(2e-4);
    expect(Math.abs(r.bayes.ci95[1] - betaQuantile(0.975, a, b))).toBeLessThan(2e-4);
    expect(r.bayes.unknownFailures).toEqual({ mean: 0, ci95: [0, 0] });
  });

  /**
   * Independent reference: brute-force midpoint quadrature of the unnormalised posterior
   * θ^f(1−θ)^s ρF^fd(1−ρF)^fn ρS^sd(1−ρS)^sn [θ(1−ρF) + (1−θ)(1−ρS)]^U on a 90³ grid (uniform priors).
   * Tolerance 2e-3 on the posterior mean (grid error).
   */
  it('matches brute-force 3-D quadrature of the recovery-model posterior', () => {
    const [fd, fn, sd, sn, U] = [1, 4, 6, 1, 5];
    const r = missingDataFailureRate(counts(fd + fn + sd + sn + U, fd, fn, sd, sn));
    const G = 90;
    let z = 0;
    let m = 0;
    for (let i = 0; i < G; i++) {
      const th = (i + 0.5) / G;
      for (let j = 0; j < G; j++) {
        const rf = (j + 0.5) / G;
        for (let k = 0; k < G; k++) {
          const rs = (k + 0.5) / G;
          const p =
            th ** (fd + fn) *
            (1 - th) ** (sd + sn) *
            rf ** fd *
            (1 - rf) ** fn *
            rs ** sd *
            (1 - rs) ** sn *
            (th * (1 - rf) + (1 - th) * (1 - rs)) ** U;
          z += p;
          m += p * th;
        }
      }
    }
    expect(Math.abs(r.bayes.rate - m / z)).toBeLessThan(2e-3);
  });

  it('moves the estimate above the naive rate when failures rarely leave debris (the campaign shape)', () => {
    // ~50 launches, 21 with debris (all reached the ground), about half known to have failed in the air.
    const r = missingDataFailureRate(counts(50, 0, 20, 21, 0));
    expect(r.bayes.rate).toBeGreaterThan(r.naive.rate!);
    expect(r.bayes.unknownFailures.mean).toBeGreaterThan(4.5);
    expect(r.bayes.recoveryIdentifiedByData).toBe(true);
    // with debris only, the recovery probabilities rest on the priors and the flag says so
    expect(missingDataFailureRate(counts(50, 0, 0, 21, 0)).bayes.recoveryIdentifiedByData).toBe(false);
  });

  it('throws RangeError on impossible counts or priors', () => {
    expect(() => missingDataFailureRate(counts(5, 3, 3, 0, 0))).toThrow(RangeError);
    expect(() => missingDataFailureRate(counts(5, -1, 0, 0, 0))).toThrow(RangeError);
    expect(() => missingDataFailureRate(counts(5.5, 1, 0, 0, 0))).toThrow(RangeError);
    expect(() => missingDataFailureRate(counts(5, 1, 0, 0, 0), { failureRate: { a: 0, b: 1 } })).toThrow(
      RangeError,
    );
  });

  const arb = fc
    .tuple(
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 40 }),
    )
    .map(([fd, fn, sd, sn, u]) => counts(fd + fn + sd + sn + u, fd, fn, sd, sn));

  it('property: bounds contain the naive rate; every interval contains its estimate and lies in [0, 1]', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const r = missingDataFailureRate(c);
        const [lo, hi] = r.bounds;
        if (r.naive.rate !== null) {
          expect(lo).toBeLessThanOrEqual(r.naive.rate + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(r.naive.rate - 1e-12);
        }
        expect(r.boundsCi95[0]).toBeLessThanOrEqual(lo + 1e-12);
        expect(r.boundsCi95[1]).toBeGreaterThanOrEqual(hi - 1e-12);
        expect(r.bayes.ci95[0]).toBeGreaterThanOrEqual(0);
        expect(r.bayes.ci95[1]).toBeLessThanOrEqual(1);
        expect(r.bayes.ci95[0]).toBeLessThanOrEqual(r.bayes.rate);
        expect(r.bayes.ci95[1]).toBeGreaterThanOrEqual(r.bayes.rate);
        expect(r.bayes.unknownFailures.mean).toBeLessThanOrEqual(r.counts.unknown + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('property: the Bayes estimate equals the naive posterior mean when debris is equally likely for both outcomes', () => {
    // Strong equal priors on ρF and ρS (Beta(5000, 5000)) make recovery outcome-independent (MAR):
    // then θ's posterior is Beta(1 + f, 1 + s) up to O(1e-3).
    fc.assert(
      fc.property(arb, (c) => {
        const strong = { a: 5000, b: 5000 };
        const r = missingDataFailureRate(c, { debrisGivenFailure: strong, debrisGivenSuccess: strong });
        const f = r.counts.knownFailures;
        const s = r.counts.knownSuccesses;
        expect(Math.abs(r.bayes.rate - (1 + f) / (2 + f + s))).toBeLessThan(0.02);
      }),
      { numRuns: 30 },
    );
  });
});

describe('mixtureBetaInterval', () => {
  it('matches the Beta quantile for one component (tolerance 1e-4)', () => {
    for (const [a, b] of [
      [1, 1],
      [3, 9],
      [40, 60],
      [200, 800],
    ] as const) {
      const [lo, hi] = mixtureBetaInterval([{ w: 1, a, b }], 0.95);
      expect(Math.abs(lo - betaQuantile(0.025, a, b))).toBeLessThan(1e-4);
      expect(Math.abs(hi - betaQuantile(0.975, a, b))).toBeLessThan(1e-4);
    }
  });
});

describe('missingDataFailureRate at scale', () => {
  it('handles 300,000 unknown outcomes without overflowing the stack, and agrees with a small case scaled', () => {
    const big = missingDataFailureRate({
      launches: 300_200,
      failures: { withDebris: 10, withoutDebris: 90 },
      successes: { withDebris: 80, withoutDebris: 20 },
    });
    expect(big.counts.unknown).toBe(300_000);
    expect(big.bayes.rate).toBeGreaterThan(big.bounds[0]);
    expect(big.bayes.rate).toBeLessThan(big.bounds[1]);
    expect(big.bayes.ci95[0]).toBeLessThan(big.bayes.rate);
    expect(big.bayes.ci95[1]).toBeGreaterThan(big.bayes.rate);
  });
});
