/**
 * The three Monte Carlo scenarios of issue 3 for the reconstruction benchmarks, plus model-mismatch variants.
 * Shared by bench/reconstruction-fit.bench.ts and bench/reconstruction-montecarlo.ts.
 *
 * Truth: the generic SRBM of DOMAIN.md launched at 50.6 N 36.6 E (150 m) on azimuth ~250° towards a point 257 km
 * away (the scale of the numpy study quoted in issue 3), ground at 150 m.
 */
import { degrees, meters, seededRng, utcInstant } from '../src/kernel/index.js';
import type { MotorTemplate } from '../src/kernel/index.js';
import { geodesicDirect } from '../src/geodesy/index.js';
import { aimAtTarget, GENERIC_SRBM, simulate } from '../src/reconstruction/index.js';
import type { ModelMismatch, Observation, SimulateOptions } from '../src/reconstruction/index.js';

export const LAUNCH = { latDeg: 50.6, lonDeg: 36.6, altM: 150 };
export const LAUNCH_TIME = utcInstant(Date.UTC(2024, 0, 2, 5, 0, 0));
export const GROUND_ALT_M = 150;
export const TEMPLATE: MotorTemplate = {
  m0Kg: 4000,
  mfKg: 1500,
  burnTimeS: 25,
  exhaustVelocityMps: 2500,
  verticalRiseS: 4,
  kickS: 6,
  cdAM2: 0.12,
};

export type ScenarioName =
  | 'radar-late-boost'
  | 'radar-coast-300-500km'
  | 'sightings-impact'
  | 'sightings-sparse'
  | 'radar-late-boost-breakup';
export const SCENARIOS: readonly ScenarioName[] = [
  'radar-late-boost',
  'radar-coast-300-500km',
  'sightings-impact',
];
/** Extra scenarios: a sparse case whose launch posterior is not Gaussian, and an in-air breakup at 150 s. */
export const EXTRA_SCENARIOS: readonly ScenarioName[] = ['sightings-sparse', 'radar-late-boost-breakup'];
export const MISMATCHES: Record<string, ModelMismatch> = {
  'beta x1.3': { betaFactor: 1.3 },
  'pull-up 1 m/s^2, 110-130 s': { manoeuvre: { startS: 110, endS: 130, normalAccelMps2: 1 } },
};

let aim: { azimuthDeg: number; kickDeg: number } | undefined;
/** Azimuth and kick for the 257 km flight (solved once). */
export function aimOnce(): { azimuthDeg: number; kickDeg: number } {
  if (!aim) {
    const t = geodesicDirect(LAUNCH.latDeg, LAUNCH.lonDeg, 250, 257e3);
    const a = aimAtTarget({
      motor: GENERIC_SRBM,
      launchLatDeg: LAUNCH.latDeg,
      launchLonDeg: LAUNCH.lonDeg,
      launchAltM: LAUNCH.altM,
      targetLatDeg: t.latDeg,
      targetLonDeg: t.lonDeg,
      integration: { groundAltM: GROUND_ALT_M },
    });
    if (!a.ok) throw new Error(a.error.message);
    aim = {
      azimuthDeg: (a.value.azimuthRad * 180) / Math.PI,
      kickDeg: (a.value.kickAngleRad * 180) / Math.PI,
    };
  }
  return aim;
}

const site = (
  latDeg: number,
  lonDeg: number,
  altM: number,
): {
  latDeg: ReturnType<typeof degrees>;
  lonDeg: ReturnType<typeof degrees>;
  altM: ReturnType<typeof meters>;
} => ({
  latDeg: degrees(latDeg),
  lonDeg: degrees(lonDeg),
  altM: meters(altM),
});

/** Simulated observations of one run of a scenario. */
export function scenarioTrack(name: ScenarioName, seed: number, mismatch?: ModelMismatch): Observation[] {
  const a = aimOnce();
  const base: Omit<SimulateOptions, 'rng'> = {
    motor: GENERIC_SRBM,
    launch: LAUNCH,
    launchTime: LAUNCH_TIME,
    azimuthDeg: a.azimuthDeg,
    kickDeg: a.kickDeg,
    groundAltM: GROUND_ALT_M,
    ...(mismatch ? { mismatch } : {}),
  };
  let o: SimulateOptions;
  switch (name) {
    case 'radar-late-boost':
      // One radar ~130 km from the launch point, tracking from 10 s (late boost) at 1 Hz, 50 m / 2 mrad.
      o = { ...base, radars: [{ site: site(49.9, 35.0, 120), fromS: 10 }], rng: seededRng(seed) };
      break;
    case 'radar-coast-300-500km':
      // One radar 300–500 km from the flight, tracking only after burnout (from 30 s), 1 Hz, 50 m / 2 mrad.
      o = { ...base, radars: [{ site: site(47.0, 36.3, 120), fromS: 30 }], rng: seededRng(seed) };
      break;
    case 'sightings-impact':
      // Eight video sightings (0.05°) from two observers and the impact point (20 m).
      o = {
        ...base,
        observers: [
          { site: site(50.0, 34.8, 150), timesS: [60, 90, 120, 150, 180] },
          { site: site(50.3, 35.9, 150), timesS: [40, 70, 100] },
        ],
        sigmaSightingDeg: 0.05,
        impactSigmaM: 20,
        rng: seededRng(seed),
      };
      break;
    case 'sightings-sparse':
      // Three video sightings (0.1°) from one observer and an impact known to 3 km (a debris field near a
      // settlement): the launch posterior is curved (not Gaussian) and is sampled.
      o = {
        ...base,
        observers: [{ site: site(50.0, 34.8, 150), timesS: [60, 120, 180] }],
        sigmaSightingDeg: 0.1,
        impactSigmaM: 3000,
        rng: seededRng(seed),
      };
      break;
    case 'radar-late-boost-breakup':
      // The radar of radar-late-boost; the missile breaks up 150 s after launch (the track ends).
      o = {
        ...base,
        radars: [{ site: site(49.9, 35.0, 120), fromS: 10 }],
        breakupAtS: 150,
        rng: seededRng(seed),
      };
      break;
  }
  const s = simulate(o);
  if (!s.ok) throw new Error(s.error.message);
  return [...s.value.observations];
}
