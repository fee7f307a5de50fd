import { describe, expect, it } from 'vitest';
import { seededRng } from '../kernel/index.js';
import { cepFromCovariance, empiricalCepM, errorEllipse } from './cep.js';

describe('cepFromCovariance', () => {
  it('is σ·sqrt(2 ln 2) = 1.177410 σ for a circular Gaussian (Rayleigh median; tolerance 1e-6 relative)', () => {
    for (const sigma of [1, 37.5, 2000]) {
      const cep = cepFromCovariance({ eeM2: sigma * sigma, enM2: 0, nnM2: sigma * sigma });
      expect(Math.abs(cep / sigma - Math.sqrt(2 * Math.LN2))).toBeLessThan(1e-6);
    }
  });
  it('tends to the half-normal median 0.674490 σ1 for a degenerate ellipse (tolerance 1e-6)', () => {
    const cep = cepFromCovariance({ eeM2: 100 * 100, enM2: 0, nnM2: 0 });
    expect(Math.abs(cep / 100 - 0.6744897501960817)).toBeLessThan(1e-6);
  });
  it('agrees with a seeded Monte Carlo estimate for a correlated ellipse (200 000 draws; tolerance 1 %)', () => {
    const cov = { eeM2: 400, enM2: 150, nnM2: 100 };
    const cep = cepFromCovariance(cov);
    // Cholesky of [[400,150],[150,100]]
    const l11 = Math.sqrt(400);
    const l21 = 150 / l11;
    const l22 = Math.sqrt(100 - l21 * l21);
    const rng = seededRng(2024);
    const r: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      r.push(Math.hypot(l11 * z1, l21 * z1 + l22 * z2));
    }
    r.sort((a, b) => a - b);
    expect(Math.abs(r[100_000]! / cep - 1)).toBeLessThan(0.01);
  });
});

describe('errorEllipse', () => {
  it('uses χ²₂(0.95) = 5.991465 and orients the major axis by azimuth (tolerance 1e-9)', () => {
    const e = errorEllipse({ eeM2: 4, enM2: 0, nnM2: 1 });
    expect(e.semiMajorM).toBeCloseTo(2 * Math.sqrt(5.991464547107979), 9);
    expect(e.semiMinorM).toBeCloseTo(Math.sqrt(5.991464547107979), 9);
    expect(e.majorAxisAzimuthDeg).toBeCloseTo(90, 9);
    expect(errorEllipse({ eeM2: 1, enM2: 0, nnM2: 4 }).majorAxisAzimuthDeg).toBeCloseTo(0, 9);
    expect(errorEllipse({ eeM2: 2, enM2: 1, nnM2: 2 }).majorAxisAzimuthDeg).toBeCloseTo(45, 9);
    expect(errorEllipse({ eeM2: 1, enM2: 0, nnM2: 1 }, 1 - Math.exp(-0.5)).semiMajorM).toBeCloseTo(1, 9);
  });
  it('rejects a covariance that is not positive semi-definite', () => {
    expect(() => errorEllipse({ eeM2: 1, enM2: 2, nnM2: 1 })).toThrow(RangeError);
    expect(() => cepFromCovariance({ eeM2: -1, enM2: 0, nnM2: 1 })).toThrow(RangeError);
  });
});

describe('empiricalCepM', () => {
  it('is the median miss distance', () => {
    expect(empiricalCepM([])).toBeNull();
    expect(empiricalCepM([{ eastM: 3, northM: 4 }])).toBe(5);
    expect(
      empiricalCepM([
        { eastM: 3, northM: 4 },
        { eastM: 0, northM: 1 },
        { eastM: 6, northM: 8 },
        { eastM: 0, northM: 7 },
      ]),
    ).toBe(6);
  });
});
