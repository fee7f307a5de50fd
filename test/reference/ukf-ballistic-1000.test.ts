/**
 * Reference-vector test: our UKF + unscented RTS smoother against Stone Soup and FilterPy on the 1,000-point
 * ballistic radar track of test/reference/ukf-ballistic-1000/ (model, prior, sigma points and tolerances from its
 * README).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createBallisticFlatEarthModel,
  createExtendedKalmanFilter,
  createRadarFlatEarthModel,
  createRtsSmoother,
  createUnscentedKalmanFilter,
  createUnscentedRtsSmoother,
  diagonalCovar,
  type FilterInput,
  type FilterTrack,
  type Observation,
  type SmoothedTrack,
  type TransitionModel,
} from '../../src/estimation/index.js';

const DIR = fileURLToPath(new URL('./ukf-ballistic-1000/', import.meta.url));
const readCsv = (file: string): number[][] =>
  readFileSync(DIR + file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));

/** README "Tolerances for a test": position 1e-3 m, velocity 1e-4 m/s, gamma 1e-10 m^2/kg. */
const TOLERANCE = [1e-3, 1e-4, 1e-3, 1e-4, 1e-3, 1e-4, 1e-10] as const;
const STATE = ['x_m', 'vx_mps', 'y_m', 'vy_mps', 'z_m', 'vz_mps', 'gamma_m2_per_kg'] as const;

const sameBits = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Exactly the README's model, prior and measurements. */
function referenceProblem(): { transition: TransitionModel; input: FilterInput } {
  const rows = readCsv('measurements.csv'); // t_s, elevation_rad, bearing_rad, range_m
  const radar = createRadarFlatEarthModel({
    sigmaElevationRad: 1e-3,
    sigmaBearingRad: 1e-3,
    sigmaRangeM: 50,
  });
  const observations: Observation[] = rows.map((r) => ({
    tS: r[0]!,
    z: Float64Array.from(r.slice(1)),
    model: radar,
  }));
  const [elevationRad, bearingRad, rangeM] = rows[0]!.slice(1) as [number, number, number];
  const mean = Float64Array.from([
    rangeM * Math.cos(elevationRad) * Math.cos(bearingRad),
    1000,
    rangeM * Math.cos(elevationRad) * Math.sin(bearingRad),
    0,
    rangeM * Math.sin(elevationRad),
    1000,
    1 / 2000,
  ]);
  const covar = diagonalCovar([500 ** 2, 1000 ** 2, 500 ** 2, 1000 ** 2, 500 ** 2, 1000 ** 2, 1e-4 ** 2]);
  const transition = createBallisticFlatEarthModel({
    noiseDiffusionM2PerS3: 1,
    gammaNoiseDiffusionM4PerKg2PerS: 1e-12,
  });
  return { transition, input: { prior: { mean, covar }, priorTimeS: 0, transition, observations } };
}

function runReference(): {
  track: FilterTrack;
  smoothed: SmoothedTrack;
  auto: SmoothedTrack;
  rtsReuse: SmoothedTrack;
} {
  const { transition, input } = referenceProblem();
  const sigma = { alpha: 1, beta: 2, kappa: 0 };
  const filtered = createUnscentedKalmanFilter({ kind: 'ukf', ...sigma }).run(input);
  if (!filtered.ok) throw new Error(filtered.error.message);
  // 'recompute': redraw and propagate sigma points of every filtered state, exactly as the anchors do.
  const smoothed = createUnscentedRtsSmoother({ kind: 'urts', ...sigma, moments: 'recompute' }).smooth(
    filtered.value,
    transition,
  );
  if (!smoothed.ok) throw new Error(smoothed.error.message);
  // 'auto' reuses the filter's stored moments.
  const auto = createUnscentedRtsSmoother({ kind: 'urts', ...sigma, moments: 'auto' }).smooth(
    filtered.value,
    transition,
  );
  if (!auto.ok) throw new Error(auto.error.message);
  const rtsReuse = createRtsSmoother().smooth(filtered.value, transition);
  if (!rtsReuse.ok) throw new Error(rtsReuse.error.message);
  return { track: filtered.value, smoothed: smoothed.value, auto: auto.value, rtsReuse: rtsReuse.value };
}

/** Largest |ours - reference| per state component over all steps, and the step where it happens. */
function worst(ours: Float64Array, reference: number[][]): { diff: number; step: number }[] {
  const out = STATE.map(() => ({ diff: 0, step: -1 }));
  reference.forEach((row, k) => {
    for (let j = 0; j < 7; j++) {
      const d = Math.abs(ours[k * 7 + j]! - row[j + 1]!);
      if (!(d <= out[j]!.diff)) out[j] = { diff: d, step: k }; // NaN counts as worst
    }
  });
  return out;
}

function positionRmseM(means: Float64Array, truth: number[][], from: number, to: number): number {
  let s = 0;
  for (let k = from; k <= to; k++) {
    const t = truth[k]!;
    s += (means[k * 7]! - t[1]!) ** 2 + (means[k * 7 + 2]! - t[3]!) ** 2 + (means[k * 7 + 4]! - t[5]!) ** 2;
  }
  return Math.sqrt(s / (to - from + 1));
}

describe('reference ukf-ballistic-1000 (Stone Soup ec032a9f, FilterPy 1.4.5)', () => {
  const { track, smoothed, auto, rtsReuse } = runReference();
  const cases: [string, Float64Array, string][] = [
    ['UKF filtered vs Stone Soup', track.filteredMeans, 'stonesoup_filtered.csv'],
    ['UKF filtered vs FilterPy', track.filteredMeans, 'filterpy_filtered.csv'],
    ['unscented RTS smoothed vs Stone Soup', smoothed.means, 'stonesoup_smoothed.csv'],
    ['unscented RTS smoothed vs FilterPy', smoothed.means, 'filterpy_smoothed.csv'],
    [
      'RTS on the UKF track (reused cross covariance) vs Stone Soup',
      rtsReuse.means,
      'stonesoup_smoothed.csv',
    ],
    ['RTS on the UKF track (reused cross covariance) vs FilterPy', rtsReuse.means, 'filterpy_smoothed.csv'],
  ];

  it.each(cases)('%s: every step within the README tolerances', (_name, ours, file) => {
    const reference = readCsv(file);
    expect(reference).toHaveLength(1000);
    expect(track.length).toBe(1000);
    for (let k = 0; k < 1000; k++) expect(track.tS[k]).toBe(reference[k]![0]);
    const w = worst(ours, reference);
    console.log(
      `${_name}: max |diff| ` + STATE.map((s, j) => `${s} ${w[j]!.diff.toExponential(2)}`).join(', '),
    );
    w.forEach((x, j) => {
      expect(x.diff, `${STATE[j]!} at step ${String(x.step)}`).toBeLessThanOrEqual(TOLERANCE[j]!);
    });
  });

  it("unscented RTS with moments 'auto' (the filter's stored moments) is bitwise identical to 'recompute'", () => {
    expect(sameBits(auto.means, smoothed.means)).toBe(true);
    expect(sameBits(auto.covars, smoothed.covars)).toBe(true);
  });

  it('position RMSE against truth over steps 50-999 matches the README (29.1 m filtered, 17.0 m smoothed)', () => {
    const truth = readCsv('truth.csv');
    const filteredM = positionRmseM(track.filteredMeans, truth, 50, 999);
    const smoothedM = positionRmseM(smoothed.means, truth, 50, 999);
    console.log(
      `position RMSE steps 50-999: filtered ${filteredM.toFixed(2)} m, smoothed ${smoothedM.toFixed(2)} m`,
    );
    expect(filteredM).toBeCloseTo(29.1, 1);
    expect(smoothedM).toBeCloseTo(17.0, 1);
  });

  it('the EKF + RTS on the same model reaches the same accuracy (not an anchor comparison, a sanity check)', () => {
    const truth = readCsv('truth.csv');
    const { transition, input } = referenceProblem();
    const ekf = createExtendedKalmanFilter().run(input);
    expect(ekf.ok).toBe(true);
    if (!ekf.ok) return;
    const rts = createRtsSmoother().smooth(ekf.value, transition);
    expect(rts.ok).toBe(true);
    if (!rts.ok) return;
    const filteredM = positionRmseM(ekf.value.filteredMeans, truth, 50, 999);
    const smoothedM = positionRmseM(rts.value.means, truth, 50, 999);
    console.log(
      `EKF + RTS position RMSE steps 50-999: filtered ${filteredM.toFixed(2)} m, smoothed ${smoothedM.toFixed(2)} m`,
    );
    expect(filteredM).toBeLessThan(32);
    expect(smoothedM).toBeLessThan(19);
  });

  it('NIS is consistent with a chi-square of 3 degrees of freedom (mean near 3 after convergence)', () => {
    let s = 0;
    for (let k = 50; k < 1000; k++) s += track.nis[k]!;
    const meanNis = s / 950;
    expect(meanNis).toBeGreaterThan(2.5);
    expect(meanNis).toBeLessThan(3.5);
  });
});
