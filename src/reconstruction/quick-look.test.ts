import { describe, expect, it } from 'vitest';
import { createEcefBallisticModel } from './quick-look-models.js';
import { integrateFlight } from './integrate.js';
import { GENERIC_SRBM } from './motor.js';
import { stateAt } from './trajectory.js';

describe('quick-look ECEF ballistic model (issue 3)', () => {
  it('propagates with the batch fit’s own post-burnout dynamics', () => {
    const flight = {
      launchLatRad: (50.6 * Math.PI) / 180,
      launchLonRad: (36.6 * Math.PI) / 180,
      launchAltM: 150,
      azimuthRad: (250 * Math.PI) / 180,
      kickAngleRad: (68 * Math.PI) / 180,
      motor: GENERIC_SRBM,
    };
    const tr = integrateFlight(flight, { groundAltM: 150 });
    const m = createEcefBallisticModel();
    const st = [0, 0, 0, 0, 0, 0];
    stateAt(tr, 60, st); // a node of the fit's 1 s coast grid (burnout at 25 s)
    const x = Float64Array.from([...st, Math.log(GENERIC_SRBM.mfKg / GENERIC_SRBM.cdAM2)]);
    const out = new Float64Array(7);
    m.f(x, 40, out);
    stateAt(tr, 100, st);
    const d = Math.hypot(out[0]! - st[0]!, out[1]! - st[1]!, out[2]! - st[2]!);
    expect(d).toBeLessThan(1e-6); // same RK4 on the same 1 s grid
    expect(out[6]).toBe(x[6]);
    const Q = new Float64Array(49);
    m.Q(2, Q);
    expect(Q[0]).toBeCloseTo((0.05 * 8) / 3, 12);
    expect(Q[3]).toBeCloseTo((0.05 * 4) / 2, 12);
    expect(Q[48]).toBeCloseTo(2e-6, 15);
  });
});
