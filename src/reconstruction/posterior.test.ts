import { describe, expect, it } from 'vitest';
import { seededRng } from '../kernel/index.js';
import { hdrOf, insideRing } from './posterior.js';

describe('highest-density region of weighted samples (issue 3)', () => {
  it('is the 95 % ellipse for Gaussian samples, and holds 95 % of them', () => {
    const rng = seededRng(3);
    const N = 1500;
    const e: number[] = [];
    const n: number[] = [];
    // sigma_e 300 m, sigma_n 100 m, correlation 0.5
    for (let s = 0; s < N; s++) {
      const a = rng.normal();
      const b = rng.normal();
      e.push(300 * a);
      n.push(100 * (0.5 * a + Math.sqrt(0.75) * b));
    }
    const w = new Float64Array(N).fill(1 / N);
    const cov: [number, number, number] = [300 ** 2, 0.5 * 300 * 100, 100 ** 2];
    const h = hdrOf(e, n, w, N, cov, { latDeg: 50, lonDeg: 36 }, 0.95)!;
    expect(h.ringEN.length).toBe(73);
    expect(h.polygon[0]).toEqual(h.polygon[72]);
    expect(h.areaM2 / h.ellipseAreaM2).toBeGreaterThan(0.85);
    expect(h.areaM2 / h.ellipseAreaM2).toBeLessThan(1.25);
    expect(Math.abs(h.ellipseMass - 0.95)).toBeLessThan(0.02);
    const inside = e.filter((v, i) => insideRing(h.ringEN, v, n[i]!)).length / N;
    expect(inside).toBeGreaterThan(0.93);
    expect(inside).toBeLessThan(0.98);
  });
});
