import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitCovariance } from './covariance.js';
import { covarianceEllipse, CHI2_2_95 } from './ellipse.js';
import { cholesky, invertSpd, matMul } from './linalg.js';

describe('covariance with consider parameters', () => {
  it('is symmetric positive definite and never smaller than the Fisher part', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 40 * 4, maxLength: 40 * 4 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 40 * 2, maxLength: 40 * 2 }),
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 2, maxLength: 2 }),
        (jv, jcv, sig) => {
          const m = 40;
          const n = 4;
          const j = Float64Array.from(jv);
          for (let i = 0; i < n; i++) j[i * n + i] = (j[i * n + i] as number) + 20; // full column rank
          const cov = fitCovariance(j, m, n, Float64Array.from(jcv), 2, sig);
          expect(cov).toBeDefined();
          if (!cov) return;
          for (let a = 0; a < n; a++) {
            for (let b = 0; b < n; b++) {
              expect(cov.total[a * n + b]).toBeCloseTo(cov.total[b * n + a]!, 12);
            }
            expect(cov.total[a * n + a]! + 1e-15).toBeGreaterThanOrEqual(cov.fisher[a * n + a]!);
          }
          expect(cholesky(cov.total, n)).toBeDefined();
        },
      ),
      { numRuns: 100 },
    );
  });
  it('inverts SPD matrices to 1e-12', () => {
    const a = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]);
    const i = invertSpd(a, 3)!;
    const eye = matMul(a, i, 3, 3, 3);
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) expect(eye[r * 3 + c]).toBeCloseTo(r === c ? 1 : 0, 12);
  });
});

describe('covariance ellipse', () => {
  it('gives the 95 % semi-axes sqrt(5.991 lambda) and the major-axis azimuth clockwise from north', () => {
    expect(CHI2_2_95).toBeCloseTo(5.991464547, 8);
    const ns = covarianceEllipse(1, 0, 4, 0.95); // long axis north-south
    expect(ns.semiMajorM).toBeCloseTo(2 * Math.sqrt(CHI2_2_95), 12);
    expect(ns.semiMinorM).toBeCloseTo(Math.sqrt(CHI2_2_95), 12);
    expect(ns.orientationDeg).toBeCloseTo(0, 12);
    expect(covarianceEllipse(4, 0, 1).orientationDeg).toBeCloseTo(90, 12);
    // Variance along the north-east diagonal larger: major axis at 45°.
    expect(covarianceEllipse(2, 1, 2).orientationDeg).toBeCloseTo(45, 12);
    expect(covarianceEllipse(2, -1, 2).orientationDeg).toBeCloseTo(135, 12);
  });
});
