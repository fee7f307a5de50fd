import { describe, expect, it } from 'vitest';
import { degrees, meters, seededRng, utcInstant } from '../kernel/index.js';
import type { MotorTemplate } from '../kernel/index.js';
import { detectFailures } from './failure.js';
import { fitTemplate } from './fit.js';
import { GENERIC_SRBM } from './motor.js';
import type { ModelMismatch } from './simulate.js';
import { simulate } from './simulate.js';

// The generic SRBM of DOMAIN.md on the 257 km flight of the benchmarks (azimuth and kick solved for it).
const template: MotorTemplate = { ...GENERIC_SRBM };
const site = (lat: number, lon: number) => ({
  latDeg: degrees(lat),
  lonDeg: degrees(lon),
  altM: meters(120),
});
const track = (seed: number, o: { mismatch?: ModelMismatch; coast?: boolean; breakupAtS?: number }) => {
  const s = simulate({
    motor: GENERIC_SRBM,
    launch: { latDeg: 50.6, lonDeg: 36.6, altM: 150 },
    launchTime: utcInstant(Date.UTC(2024, 0, 2, 5)),
    azimuthDeg: 248.6,
    kickDeg: 67.7,
    groundAltM: 150,
    radars: [o.coast ? { site: site(47.0, 36.3), fromS: 30 } : { site: site(49.9, 35.0), fromS: 10 }],
    ...(o.mismatch ? { mismatch: o.mismatch } : {}),
    ...(o.breakupAtS !== undefined ? { breakupAtS: o.breakupAtS } : {}),
    rng: seededRng(seed),
  });
  if (!s.ok) throw new Error(s.error.message);
  return s.value.observations;
};
const failuresOf = (obs: ReturnType<typeof track>) => {
  const f = fitTemplate(obs, { template, launchAltM: 150, groundAltM: 150 });
  if (!f.ok) throw new Error(f.error.message);
  return detectFailures(f.value, obs);
};
const pullUp: ModelMismatch = { manoeuvre: { startS: 110, endS: 130, normalAccelMps2: 1 } };

// Rates over 200 seeded runs are measured by bench/reconstruction-montecarlo.ts (docs/accuracy/reconstruction.md);
// these few runs pin the behaviour.
describe('issue-3: CUSUM / GLR departure tests on simulated tracks', () => {
  it('stay quiet on a nominal flight and report statistic, p-value and a calibrated threshold', () => {
    const r = failuresOf(track(101, {}));
    const d = r.departure!;
    for (const v of [d.cusum, d.glr]) {
      expect(v.pValue).toBeGreaterThan(0.01);
      expect(v.replications).toBe(999);
      expect(v.alpha).toBe(0.01);
      expect(v.threshold).toBeGreaterThan(v.statistic);
      expect(v.channel).toMatch(/^radar at 49\.9000, 35\.0000/);
    }
    expect(r.breakup.detected).toBe(false);
  });

  it('flag an unmodelled pull-up that the chi-square of a coast-only fit misses', () => {
    const r = failuresOf(track(107, { mismatch: pullUp, coast: true }));
    expect(r.departure!.cusum.pValue).toBeLessThan(0.01);
    expect(r.fitConsistency.pValue).toBeGreaterThan(0.01);
    expect(r.breakup.detected).toBe(false); // a departure alone is not a breakup
  });

  it('flag the pull-up with a radar that sees the boost, near the manoeuvre', () => {
    const r = failuresOf(track(102, { mismatch: pullUp }));
    expect(r.departure!.cusum.pValue).toBeLessThan(0.002);
    expect(r.departure!.glr.pValue).toBeLessThan(0.002);
  });

  it('a breakup (track loss) is detected without a departure false alarm before it', () => {
    const r = failuresOf(track(103, { breakupAtS: 150 }));
    expect(r.breakup.detected).toBe(true);
    expect(r.departure!.cusum.pValue).toBeGreaterThan(0.01);
    expect(r.breakup.departureOnsetS).toBeUndefined();
  });

  it('replays identically (seeded from the track content)', () => {
    const obs = track(105, { coast: true });
    const f = fitTemplate(obs, { template, launchAltM: 150, groundAltM: 150 });
    if (!f.ok) throw new Error(f.error.message);
    expect(detectFailures(f.value, obs).departure).toEqual(detectFailures(f.value, obs).departure);
  });
});
