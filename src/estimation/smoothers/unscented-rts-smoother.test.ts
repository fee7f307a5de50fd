import { describe, expect, it } from 'vitest';
import { createUnscentedKalmanFilter } from '../filters/unscented-kalman-filter.js';
import { diagonalCovar } from '../gaussian.js';
import { createConstantVelocityModel } from '../models/constant-velocity.js';
import { createPositionMeasurementModel } from '../models/linear-measurement.js';
import type { Observation } from '../observation.js';
import { createUnscentedRtsSmoother } from './unscented-rts-smoother.js';

describe("unscented RTS, moments 'auto'", () => {
  const model = createPositionMeasurementModel({ axes: 1, sigmaM: 1 });
  const transition = createConstantVelocityModel({ axes: 1, noiseDiffusionM2PerS3: 1 });
  const observations: Observation[] = [0.3, 1.1, 2.0, 2.2, 3.9].map((tS, k) => ({
    tS,
    z: Float64Array.of(10 * tS + (k % 2 === 0 ? 0.5 : -0.5)),
    model,
  }));
  const track = createUnscentedKalmanFilter().run({
    prior: { mean: Float64Array.of(0, 8), covar: diagonalCovar([4, 9]) },
    priorTimeS: 0,
    transition,
    observations,
  });
  if (!track.ok) throw new Error(track.error.message);

  it('reuses the filter moments only for the very same transition model object', () => {
    const recompute = createUnscentedRtsSmoother({ kind: 'urts', moments: 'recompute' });
    const auto = createUnscentedRtsSmoother({ kind: 'urts', moments: 'auto' });
    const a = auto.smooth(track.value, transition);
    const b = recompute.smooth(track.value, transition);
    expect(a.ok && b.ok && a.value.means).toEqual(b.ok && b.value.means);
    // Same name, different noise: 'auto' must notice and recompute with the model it is given.
    const other = createConstantVelocityModel({ axes: 1, noiseDiffusionM2PerS3: 50 });
    expect(other.name).toBe(transition.name);
    const c = auto.smooth(track.value, other);
    const d = recompute.smooth(track.value, other);
    expect(c.ok && d.ok).toBe(true);
    if (!c.ok || !d.ok || !a.ok) return;
    expect(c.value.means).toEqual(d.value.means);
    expect(c.value.means).not.toEqual(a.value.means);
  });

  it('with other sigma-point settings it recomputes', () => {
    const auto = createUnscentedRtsSmoother({ kind: 'urts', alpha: 0.5, kappa: 1, moments: 'auto' });
    const recompute = createUnscentedRtsSmoother({
      kind: 'urts',
      alpha: 0.5,
      kappa: 1,
      moments: 'recompute',
    });
    const a = auto.smooth(track.value, transition);
    const b = recompute.smooth(track.value, transition);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.value.means).toEqual(b.value.means);
  });
});
