import { describe, expect, it } from 'vitest';
import { seededRng } from '../../kernel/index.js';
import { diagonalCovar } from '../gaussian.js';
import { createBallisticFlatEarthModel } from '../models/ballistic-flat-earth.js';
import { wrapAngleRad } from '../models/measurement-model.js';
import { createRadarFlatEarthModel } from '../models/radar-flat-earth.js';
import type { Observation } from '../observation.js';
import { createSmoother } from '../smoothers/smoother-config.js';
import { createFilter } from './filter-config.js';

/**
 * A target that crosses the radar's bearing cut at +-pi (flying across the -x axis). The flat-Earth model is
 * invariant under rotation about z, so the same track rotated by +90 degrees (no cut crossing) must give the
 * same estimates rotated: this only holds if innovations and sigma-point means wrap angles correctly.
 */
describe('bearing residuals wrap across +-pi', () => {
  const transition = createBallisticFlatEarthModel();
  const radar = createRadarFlatEarthModel({ siteM: [0, 0, 0] });
  const rotate = (x: Float64Array): Float64Array => {
    const r = Float64Array.from(x);
    r[0] = -x[2]!;
    r[1] = -x[3]!;
    r[2] = x[0]!;
    r[3] = x[1]!;
    return r;
  };
  const rng = seededRng(42);
  const truth = Float64Array.of(-40_000, -100, -1500, 1200, 8000, 300, 2e-4); // crosses y = 0 at x < 0
  const observations: Observation[] = [];
  const rotatedObservations: Observation[] = [];
  const x = Float64Array.from(truth);
  const next = new Float64Array(7);
  for (let k = 0; k < 40; k++) {
    transition.f(x, 0.1, next);
    x.set(next);
    const z = new Float64Array(3);
    radar.h(x, z);
    z[0]! += 1e-3 * rng.normal();
    z[1] = wrapAngleRad(z[1]! + 1e-3 * rng.normal());
    z[2]! += 50 * rng.normal();
    observations.push({ tS: 0.1 * (k + 1), z, model: radar });
    rotatedObservations.push({
      tS: 0.1 * (k + 1),
      z: Float64Array.of(z[0]!, wrapAngleRad(z[1]! + Math.PI / 2), z[2]!),
      model: radar,
    });
  }
  const crossings = observations.filter(
    (o, k) => k > 0 && Math.abs(o.z[1]! - observations[k - 1]!.z[1]!) > Math.PI,
  );
  const covar = diagonalCovar([300 ** 2, 100 ** 2, 300 ** 2, 100 ** 2, 300 ** 2, 100 ** 2, 1e-4 ** 2]);

  it('the scenario really crosses the cut', () => {
    expect(crossings.length).toBeGreaterThan(0);
  });

  it.each([
    ['EKF', { kind: 'ekf' } as const],
    ['UKF', { kind: 'ukf' } as const],
  ])('%s: estimates are rotation-equivariant across the cut, NIS stays small', (_n, config) => {
    const a = createFilter(config).run({
      prior: { mean: truth, covar },
      priorTimeS: 0,
      transition,
      observations,
    });
    const b = createFilter(config).run({
      prior: { mean: rotate(truth), covar },
      priorTimeS: 0,
      transition,
      observations: rotatedObservations,
    });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    for (let k = 0; k < 40; k++) {
      const ra = rotate(a.value.filteredMeans.subarray(k * 7, k * 7 + 7));
      const rb = b.value.filteredMeans.subarray(k * 7, k * 7 + 7);
      for (let i = 0; i < 6; i++) expect(Math.abs(ra[i]! - rb[i]!)).toBeLessThan(1e-6 * 40_000);
      expect(a.value.nis[k]).toBeLessThan(30);
    }
    const s = createSmoother({ kind: 'urts' }).smooth(a.value, transition);
    expect(s.ok).toBe(true);
  });
});
