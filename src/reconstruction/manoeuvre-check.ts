import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import type { MotorTemplate } from '../kernel/index.js';
import type { FitSettings } from './build-problem.js';
import type { Verdict } from './failure.js';
import type { BatchFit, FitOptions } from './fit.js';
import { fitTemplate } from './fit.js';
import { P_AZIMUTH, P_KICK, P_TIME } from './fit-problem.js';
import type { Observation } from './observation.js';

/** Settings of {@link manoeuvreCheck}. */
export interface ManoeuvreCheckOptions {
  /** Significance level of `detected` (default 0.01). */
  readonly alpha?: number;
  /** Prior standard deviation of the unknown normal acceleration, m/s^2 (default 3, about 0.3 g). */
  readonly accelSigmaMps2?: number;
  /** Radar plots and fixes after the nominal burnout below which the check does not run (default 20). */
  readonly minRows?: number;
}

/** The verdict of the manoeuvre check, with the expanded fit's estimate of the segment when it ran. */
export interface ManoeuvreVerdict extends Verdict {
  readonly detected: boolean;
  /** Degrees of freedom of the reference chi-square law (the segment's three unknowns). */
  readonly dof: number;
  /** The segment estimated by the expanded fit: times after launch (s) and its normal acceleration. */
  readonly startS: number;
  readonly endS: number;
  readonly normalAccelMps2: number;
  readonly normalAccelSigmaMps2: number;
}

/**
 * Test for an unmodelled manoeuvre and the model expansion that answers it (issue 3: a wrong model must still
 * give honest ellipses, and say that it is wrong).
 *
 * Model: the nominal fit (a template without a manoeuvre) against the same template plus one pull-up segment
 * (normal acceleration in the vertical plane of the velocity, see dynamics.ts) of unknown timing and strength,
 * fitted with priors: acceleration a ~ N(0, accelSigma^2); start ~ N(tb + (T - tb) / 3, ((T - tb) / 4)^2) and
 * end ~ N(tb + 2 (T - tb) / 3, ((T - tb) / 4)^2), with tb the nominal burnout and T the last radar plot or fix (s
 * after launch), i.e. anywhere in the tracked coast. Statistic: the drop of the whitened cost, chi2_nominal -
 * chi2_expanded (priors included); p-value from the chi-square law with 3 degrees of freedom. `detected` when
 * p < alpha: the caller then reports the expanded fit, whose covariance carries the segment's uncertainty.
 *
 * Validity: dense tracks only (at least `minRows` radar plots or fixes after burnout); sightings cannot resolve
 * a segment's timing, and the check is not run (undefined). A template that already has a manoeuvre is not
 * expanded (undefined). Accuracy of p: the timing is not identified when a = 0, so the statistic is not exactly
 * chi-square(3) under the null (a nuisance parameter present only under the alternative; Davies 1987); the
 * false-alarm rate is measured by Monte Carlo (docs/accuracy/reconstruction.md). The expanded fit can fail (no
 * convergence): the verdict then says so and is not `detected`.
 */
export function manoeuvreCheck(
  observations: readonly Observation[],
  settings: FitSettings,
  fitOptions: FitOptions,
  nominal: BatchFit,
  o: ManoeuvreCheckOptions = {},
): { readonly verdict: ManoeuvreVerdict; readonly expanded: BatchFit | undefined } | undefined {
  if (settings.template.manoeuvre) return undefined;
  const alpha = o.alpha ?? 0.01;
  const accelSigma = o.accelSigmaMps2 ?? 3;
  const launchS = nominal.x[P_TIME] as number;
  const epochMs = nominal.problem.epochMs;
  const burnoutS = nominal.flight.motor.burnTimeS;
  const afterLaunchS = (ob: Observation): number =>
    ob.t === undefined ? Number.NaN : ((ob.t as number) - epochMs) / 1000 - launchS;
  const tracked = observations
    .filter((ob) => ob.kind === 'radar' || ob.kind === 'fix')
    .map(afterLaunchS)
    .filter((t) => t > burnoutS);
  if (tracked.length < (o.minRows ?? 20)) return undefined;
  const lastS = Math.max(...tracked);
  const span = lastS - burnoutS;
  const template: MotorTemplate = {
    ...settings.template,
    manoeuvre: {
      startS: { value: burnoutS + span / 3, sigma: span / 4 },
      endS: { value: burnoutS + (2 * span) / 3, sigma: span / 4 },
      normalAccelMps2: { value: 0, sigma: accelSigma },
    },
  };
  const start = {
    latDeg: (nominal.problem.referenceLatRad * 180) / Math.PI,
    lonDeg: (nominal.problem.referenceLonRad * 180) / Math.PI,
    azimuthRad: nominal.x[P_AZIMUTH] as number,
    kickRad: nominal.x[P_KICK] as number,
    launchTimeS: launchS,
    cost: nominal.chi2,
  };
  // First from the nominal launch point, time, azimuth and kick (the other unknowns at their prior means: the
  // start the Monte Carlo validated). If that does not converge or lands above the nominal cost, a second start
  // takes every shared unknown at the nominal estimate and a small pull-up (at a = 0 exactly the timing has no
  // gradient); the better of the two is kept.
  const expandedSettings = { ...settings, template };
  let fitted = fitTemplate(observations, expandedSettings, { ...fitOptions, start });
  if (!fitted.ok || fitted.value.chi2 > nominal.chi2) {
    const startValues: Record<string, number> = Object.fromEntries(
      nominal.problem.params.map((p, i) => [p.name, nominal.x[i] as number] as const),
    );
    startValues['manoeuvreAccelMps2'] = accelSigma / 6;
    const second = fitTemplate(observations, expandedSettings, { ...fitOptions, start, startValues });
    if (second.ok && (!fitted.ok || second.value.chi2 < fitted.value.chi2)) fitted = second;
  }
  const test = 'unmodelled manoeuvre (likelihood ratio, nominal template against template + pull-up segment)';
  if (!fitted.ok) {
    return {
      verdict: {
        test,
        statistic: 0,
        pValue: 1,
        detail: `the expanded fit did not converge: ${fitted.error.message}`,
        detected: false,
        dof: 3,
        startS: Number.NaN,
        endS: Number.NaN,
        normalAccelMps2: Number.NaN,
        normalAccelSigmaMps2: Number.NaN,
      },
      expanded: undefined,
    };
  }
  const expanded = fitted.value;
  // A local minimum above the nominal cost is no evidence of a manoeuvre: statistic 0, not detected.
  const statistic = Math.max(0, nominal.chi2 - expanded.chi2);
  const pValue = 1 - chisquareCdf(statistic, 3);
  const p = pValue < 1e-15 ? '< 1e-15' : `= ${pValue.toPrecision(2)}`;
  const detected = pValue < alpha;
  const man = expanded.flight.motor.manoeuvre;
  const k = expanded.problem.params.findIndex((p) => p.name === 'manoeuvreAccelMps2');
  const n = expanded.problem.params.length;
  const accelSigmaPost = k >= 0 ? Math.sqrt(expanded.covariance.total[k * n + k] as number) : Number.NaN;
  const startS = man?.startS ?? Number.NaN;
  const endS = man?.endS ?? Number.NaN;
  const accel = man?.normalAccelMps2 ?? Number.NaN;
  return {
    verdict: {
      test,
      statistic,
      pValue,
      detail: detected
        ? `a pull-up of ${accel.toFixed(2)} ± ${accelSigmaPost.toFixed(2)} m/s² from ${startS.toFixed(0)} s to ${endS.toFixed(0)} s after launch explains the track better (chi-square drop ${statistic.toFixed(1)}, 3 dof, p ${p}): the expanded fit is reported`
        : `no manoeuvre needed (chi-square drop ${statistic.toFixed(1)}, 3 dof, p ${p})`,
      detected,
      dof: 3,
      startS,
      endS,
      normalAccelMps2: accel,
      normalAccelSigmaMps2: accelSigmaPost,
    },
    // Only an expanded fit at least as good as the nominal one is offered (it contains the nominal flight).
    expanded: expanded.chi2 <= nominal.chi2 ? expanded : undefined,
  };
}
