import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logisticTrend } from './trend.js';

describe('logisticTrend', () => {
  it('is exact for two periods: slope = log odds ratio, SE = sqrt(Σ 1/cell) (tolerance 1e-8)', () => {
    const fit = logisticTrend(
      [
        { period: '2024-01', t: 0, successes: 10, trials: 50 },
        { period: '2024-02', t: 1, successes: 30, trials: 60 },
      ],
      { overdispersion: false },
    );
    const logOr = Math.log(30 / 30) - Math.log(10 / 40);
    const se = Math.sqrt(1 / 10 + 1 / 40 + 1 / 30 + 1 / 30);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.slopePerUnit - logOr)).toBeLessThan(1e-8);
    expect(Math.abs(fit.slopeCi95[1] - fit.slopeCi95[0] - 2 * 1.959963984540054 * se)).toBeLessThan(1e-8);
    expect(fit.fitted[0]!.rate).toBeCloseTo(0.2, 8);
    expect(fit.fitted[1]!.rate).toBeCloseTo(0.5, 8);
  });

  /**
   * Bliss (1935) beetle mortality (carbon disulphide), the worked logistic regression of Dobson & Barnett,
   * "An Introduction to Generalized Linear Models" (3rd ed., 2008, §7.3.1, Table 7.3): logit model
   * b1 = −60.72 (s.e. 5.18), b2 = 34.27 (s.e. 2.91). Tolerance: 0.01 on b2, 0.01 on its s.e.
   * (printed to 2 decimals); the intercept is checked after un-centring, to 0.02.
   */
  it('reproduces the Bliss beetle-mortality fit (Dobson & Barnett 2008, Table 7.3)', () => {
    const dose = [1.6907, 1.7242, 1.7552, 1.7842, 1.8113, 1.8369, 1.861, 1.8839];
    const n = [59, 60, 62, 56, 63, 59, 62, 60];
    const y = [6, 13, 18, 28, 52, 53, 61, 60];
    const fit = logisticTrend(
      dose.map((t, i) => ({ period: String(i), t, successes: y[i]!, trials: n[i]! })),
      { overdispersion: false },
    );
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.slopePerUnit - 34.27)).toBeLessThan(0.01);
    const se = (fit.slopeCi95[1] - fit.slopeCi95[0]) / (2 * 1.959963984540054);
    expect(Math.abs(se - 2.91)).toBeLessThan(0.01);
    const intercept = fit.interceptAtCentre - fit.slopePerUnit * fit.tCentre;
    expect(Math.abs(intercept - -60.72)).toBeLessThan(0.02);
    expect(fit.pValue).toBeLessThan(1e-10);
  });

  it('scales the standard error by the Pearson dispersion when the periods are overdispersed', () => {
    const periods = [
      { period: 'a', t: 0, successes: 5, trials: 100 },
      { period: 'b', t: 1, successes: 60, trials: 100 },
      { period: 'c', t: 2, successes: 10, trials: 100 },
      { period: 'd', t: 3, successes: 70, trials: 100 },
    ];
    const plain = logisticTrend(periods, { overdispersion: false });
    const quasi = logisticTrend(periods);
    expect(quasi.dispersion).toBeGreaterThan(1);
    const w = (f: typeof plain): number => f.slopeCi95[1] - f.slopeCi95[0];
    expect(w(quasi) / w(plain)).toBeCloseTo(Math.sqrt(quasi.dispersion), 8);
  });

  it('reports separation as not converged with unbounded intervals', () => {
    const fit = logisticTrend([
      { period: 'a', t: 0, successes: 0, trials: 96 },
      { period: 'b', t: 1, successes: 0, trials: 1 },
      { period: 'c', t: 2, successes: 1, trials: 25 },
    ]);
    expect(fit.converged).toBe(false);
    expect(fit.pValue).toBeNull();
    expect(JSON.parse(JSON.stringify(fit.slopeCi95))).toEqual([null, null]);
  });
  it('rejects a series with fewer than two informative periods', () => {
    expect(() => logisticTrend([{ period: 'a', t: 0, successes: 1, trials: 2 }])).toThrow(RangeError);
    expect(() =>
      logisticTrend([
        { period: 'a', t: 0, successes: 1, trials: 2 },
        { period: 'b', t: 1, successes: 0, trials: 0 },
      ]),
    ).toThrow(RangeError);
  });

  it('property: fitted intervals contain the fitted rate; the slope interval contains the slope', () => {
    const period = fc
      .integer({ min: 1, max: 200 })
      .chain((n) => fc.record({ successes: fc.integer({ min: 0, max: n }), trials: fc.constant(n) }));
    fc.assert(
      fc.property(fc.array(period, { minLength: 3, maxLength: 12 }), (ps) => {
        const fit = logisticTrend(ps.map((p, i) => ({ ...p, period: String(i), t: i })));
        if (!fit.converged) {
          expect(fit.pValue).toBeNull();
          expect(fit.slopeCi95).toEqual([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
          return;
        }
        expect(fit.pValue).toBeGreaterThanOrEqual(0);
        expect(fit.slopeCi95[0]).toBeLessThanOrEqual(fit.slopePerUnit);
        expect(fit.slopeCi95[1]).toBeGreaterThanOrEqual(fit.slopePerUnit);
        for (const f of fit.fitted) {
          expect(f.ci95[0]).toBeLessThanOrEqual(f.rate + 1e-12);
          expect(f.ci95[1]).toBeGreaterThanOrEqual(f.rate - 1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });
});
