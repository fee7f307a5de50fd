import { describe, expect, it } from 'vitest';
import { geodesicDirect } from '../geodesy/index.js';
import { aimAtTarget } from './aim.js';
import { GENERIC_SRBM } from './motor.js';

describe('aimAtTarget', () => {
  it('finds psi and delta that land the generic SRBM within 1 m of a 257 km target (depressed branch)', () => {
    const t = geodesicDirect(50.6, 36.6, 250, 257e3);
    const r = aimAtTarget({
      motor: GENERIC_SRBM,
      launchLatDeg: 50.6,
      launchLonDeg: 36.6,
      launchAltM: 0,
      targetLatDeg: t.latDeg,
      targetLonDeg: t.lonDeg,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.missM).toBeLessThan(1);
    expect((r.value.kickAngleRad * 180) / Math.PI).toBeGreaterThan(50);
  });
  it('refuses a target beyond the maximum range', () => {
    const t = geodesicDirect(50.6, 36.6, 250, 900e3);
    const r = aimAtTarget({
      motor: GENERIC_SRBM,
      launchLatDeg: 50.6,
      launchLonDeg: 36.6,
      launchAltM: 0,
      targetLatDeg: t.latDeg,
      targetLonDeg: t.lonDeg,
    });
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
  });
});
