import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { envelopeLogLik, logNormalCdf, logNormalInterval } from './likelihood.js';

describe('logNormalCdf', () => {
  /**
   * References: log Φ(−40) = −804.608442013753788 and log Φ(−5) = −15.0649983939887257 (mpmath, 30 digits;
   * R's pnorm(-40, log.p = TRUE) agrees).
   */
  it('is accurate in the far tail (tolerance 1e-6 absolute)', () => {
    expect(Math.abs(logNormalCdf(-40) - -804.6084420137538)).toBeLessThan(1e-6);
    expect(Math.abs(logNormalCdf(-5) - -15.064998393988725)).toBeLessThan(1e-9);
    expect(Math.abs(logNormalInterval(-1.959963984540054, 1.959963984540054) - Math.log(0.95))).toBeLessThan(
      1e-12,
    );
    expect(Number.isFinite(logNormalInterval(40, 41))).toBe(true);
  });
});

describe('envelopeLogLik (uniform ⊗ Gaussian)', () => {
  const integrate = (env: { min: number; max: number }, sigma: number): number => {
    const lo = env.min - 10 * sigma - 0.5 * env.max;
    const hi = env.max + 10 * sigma + 0.5 * env.max;
    const n = 20000;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const y = lo + ((i + 0.5) * (hi - lo)) / n;
      s += Math.exp(envelopeLogLik({ value: y, sigma, sigmaDefaulted: false }, env));
    }
    return (s * (hi - lo)) / n;
  };
  it('is a density: integrates to 1 over y (tolerance 1e-3)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (a, widthRel, sigmaRel) => {
          const env = { min: a, max: a * (1 + widthRel) };
          expect(Math.abs(integrate(env, sigmaRel * a) - 1)).toBeLessThan(1e-3);
        },
      ),
      { numRuns: 40 },
    );
  });
  it('is 1/(b − a) well inside a wide envelope with a small error (tolerance 1e-9 relative)', () => {
    const l = envelopeLogLik({ value: 500, sigma: 1, sigmaDefaulted: false }, { min: 0.0001, max: 1000 });
    expect(Math.abs(Math.exp(l) * (1000 - 0.0001) - 1)).toBeLessThan(1e-6);
  });
});
