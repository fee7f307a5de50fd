import { ok, toIso, utcInstant } from '../kernel/index.js';
import type { MotorTemplate, Result } from '../kernel/index.js';
import type { FitSettings } from './build-problem.js';
import type { Ellipse } from './ellipse.js';
import type { PointEstimate } from './estimates.js';
import { impactEstimate, launchEstimate } from './estimates.js';
import type { FailureOptions, FailureReport } from './failure.js';
import { detectFailures } from './failure.js';
import type { BatchFit, FitOptions } from './fit.js';
import { fitTemplate } from './fit.js';
import { integrateFlight } from './integrate.js';
import type { Track } from './observation.js';
import type { FlightProfile } from './profile.js';
import { flightProfile } from './profile.js';
import type { PointJson, ReconstructionResult } from './result.js';
import { RECONSTRUCTION_METHOD } from './result.js';
import type { TypeLikelihood } from './type-likelihood.js';
import { typeLikelihood } from './type-likelihood.js';
import { P_LOG_BETA, P_TIME } from './fit-problem.js';
import type { LaunchPosterior, PosteriorOptions } from './posterior.js';
import { launchPosterior } from './posterior.js';
import type { QuickLook, QuickLookAgreement, QuickLookOptions } from './quick-look.js';
import { quickLook, quickLookAgreement } from './quick-look.js';
import { inputSeed, SEED_SALT } from './seed.js';
import type { ManoeuvreCheckOptions, ManoeuvreVerdict } from './manoeuvre-check.js';
import { manoeuvreCheck } from './manoeuvre-check.js';

/** Options of {@link reconstruct}. */
export interface ReconstructOptions extends Omit<FitSettings, 'template'>, FitOptions, FailureOptions {
  /** The template to reconstruct with (from `--type ID` through the catalogue, or `--template FILE.json`). */
  readonly template: MotorTemplate;
  /** Its id in `types` (default 'template'). */
  readonly templateId?: string;
  /** Further catalogue templates to score (`types`); each is fitted on its own. */
  readonly candidates?: readonly { readonly id: string; readonly template: MotorTemplate }[];
  /** Quick look (UKF + RTS over the post-burnout radar/fix rows) as a check of the fit (default on). */
  readonly quickLook?: Omit<QuickLookOptions, 'fromS' | 'launchTimeS' | 'seed'> | false;
  /** Sampling of a non-Gaussian launch posterior and its 95 % highest-density region (default on). */
  readonly posterior?: Omit<PosteriorOptions, 'seed'> | false;
  /** The test for an unmodelled manoeuvre and the expanded fit it reports when detected (default on). */
  readonly manoeuvreCheck?: ManoeuvreCheckOptions | false;
}

/** What the quick look found, in plain numbers (ReconstructionDetails only; not in the --json result). */
export interface QuickLookSummary {
  readonly validity: string;
  readonly rows: number;
  readonly fromS: number;
  readonly toS: number;
  readonly nisPerDof: number;
  readonly nisPValue: number;
  readonly cusumPValue: number | null;
  readonly glrPValue: number | null;
  readonly lnBeta: { readonly mean: number; readonly sigma: number };
  readonly agreementPValue: number;
  readonly fitDifferenceRmsM: number;
  readonly fitDifferenceMaxM: number;
}

/** Everything behind a {@link ReconstructionResult}: the fit, its estimates and verdicts (for GeoJSON, reports). */
export interface ReconstructionDetails {
  readonly result: ReconstructionResult;
  readonly fit: BatchFit;
  readonly launch: PointEstimate;
  /** Impact of the fitted (nominal) flight, also when a breakup was detected. */
  readonly nominalImpact: PointEstimate | undefined;
  readonly failures: FailureReport;
  readonly profile: FlightProfile;
  readonly types: readonly TypeLikelihood[];
  /**
   * Quick look over the post-burnout radar plots and fixes (undefined with fewer than 8 such rows or when
   * switched off): the UKF/RTS track with its NIS and departure tests, its agreement with the fit, a summary.
   */
  readonly quickLook:
    (QuickLook & { readonly agreement: QuickLookAgreement; readonly summary: QuickLookSummary }) | undefined;
  /** The launch posterior check (and region when sampled); undefined when switched off. */
  readonly posterior: LaunchPosterior | undefined;
  /** The manoeuvre check; undefined when it did not run (switched off, a sparse track, a template with one). */
  readonly manoeuvre: ManoeuvreVerdict | undefined;
}

/**
 * Flight reconstruction of issue 3: batch ML fit of the template to every row of the track, launch and impact
 * with 95 % ellipses, time sigmas and Cramér–Rao bounds, failure detection, profile features, fit statistics and
 * the likelihood of each candidate type. Returns INVALID_INPUT or NOT_CONVERGED (with why) as data.
 */
export function reconstruct(track: Track, o: ReconstructOptions): Result<ReconstructionResult> {
  const d = reconstructDetailed(track, o);
  return d.ok ? ok(d.value.result) : d;
}

export function reconstructDetailed(track: Track, o: ReconstructOptions): Result<ReconstructionDetails> {
  const obs = track.observations;
  const fitted = fitTemplate(obs, o, o);
  if (!fitted.ok) return fitted;
  const man =
    o.manoeuvreCheck === false ? undefined : manoeuvreCheck(obs, o, o, fitted.value, o.manoeuvreCheck);
  // A detected manoeuvre: the expanded fit describes the flight, and its covariance carries the segment's
  // uncertainty, so every estimate below comes from it; and `types` compares every template with the same
  // expansion (a manoeuvring flight makes every ballistic template misfit, and which misfits least says nothing
  // of the type).
  const expanded = man?.verdict.detected ? man.expanded : undefined;
  const fit = expanded ?? fitted.value;
  const launch = launchEstimate(fit);
  const nominalImpact = impactEstimate(fit);
  const failures = detectFailures(fit, obs, o);
  const b = failures.breakup;
  const tr =
    b.detected && b.tS !== undefined
      ? integrateFlight(fit.flight, { ...fit.problem.integration, stopAtS: b.tS })
      : fit.trajectory;
  const profile = flightProfile(fit.flight, tr);
  const types: TypeLikelihood[] = [typeLikelihood(o.templateId ?? 'template', fit)];
  for (const cand of o.candidates ?? []) {
    if (cand.id === (o.templateId ?? 'template')) continue;
    const settings = { ...o, template: cand.template };
    const f = fitTemplate(obs, settings, o);
    if (!f.ok) continue;
    // With a detected manoeuvre, the candidate's own expanded fit (its nominal one if that does not converge).
    const e =
      expanded && o.manoeuvreCheck !== false
        ? manoeuvreCheck(obs, settings, o, f.value, o.manoeuvreCheck)
        : undefined;
    types.push(typeLikelihood(cand.id, e?.expanded ?? f.value));
  }
  types.sort((a, c) => a.bic - c.bic);
  const ql = o.quickLook === false ? undefined : quickLookOf(fit, obs, o.quickLook ?? {}, o.alpha);
  const posterior =
    o.posterior === false
      ? undefined
      : launchPosterior(fit, launch.covEN, launch, {
          ...(o.posterior ?? {}),
          seed: inputSeed(obs, SEED_SALT.posterior),
        });
  const hdr = posterior?.hdr;
  const epoch = fit.problem.epochMs;
  const iso = (tS: number): string => toIso(utcInstant(Math.round(epoch + tS * 1000)));
  let measSq = 0;
  for (let i = 0; i < fit.measurementCount; i++) measSq += (fit.residuals[i] as number) ** 2;
  const result: ReconstructionResult = {
    launch: {
      ...pointJson(launch, iso),
      ...(hdr && posterior
        ? {
            hdr95: {
              probability: hdr.probability,
              polygon: hdr.polygon,
              areaM2: hdr.areaM2,
              ellipseAreaM2: hdr.ellipseAreaM2,
              ellipseMass: hdr.ellipseMass,
              nonlinearity: posterior.nonlinearity,
              ess: hdr.ess,
              samples: hdr.samples,
            },
          }
        : {}),
    },
    impact: nominalImpact && !b.detected ? pointJson(nominalImpact, iso) : null,
    breakup: {
      detected: b.detected,
      statistic: b.statistic,
      pValue: b.pValue,
      lat: b.latDeg ?? null,
      lon: b.lonDeg ?? null,
      altM: b.altM ?? null,
      time: b.tS !== undefined ? iso((fit.x[2] as number) + b.tS) : null,
    },
    profile: { ...profile },
    fit: {
      chi2: fit.chi2,
      dof: fit.dof,
      normalisedResidualRms: Math.sqrt(measSq / Math.max(1, fit.measurementCount)),
    },
    types,
    manoeuvre: man
      ? {
          detected: man.verdict.detected,
          statistic: man.verdict.statistic,
          dof: man.verdict.dof,
          pValue: man.verdict.pValue,
          startS: nullIfNaN(man.verdict.startS),
          endS: nullIfNaN(man.verdict.endS),
          normalAccelMps2: nullIfNaN(man.verdict.normalAccelMps2),
          normalAccelSigmaMps2: nullIfNaN(man.verdict.normalAccelSigmaMps2),
          nominalChi2: fitted.value.chi2,
          nominalDof: fitted.value.dof,
          detail: man.verdict.detail,
        }
      : null,
    method: { ...RECONSTRUCTION_METHOD },
  };
  return ok({
    result,
    fit,
    launch,
    nominalImpact,
    failures,
    profile,
    types,
    quickLook: ql,
    posterior,
    manoeuvre: man?.verdict,
  });
}

const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Validity statement of the quick look, repeated in its summary. */
const QUICK_LOOK_VALIDITY =
  'post-burnout only: radar plots and fixes from 2 s after the fitted burnout; the 7-state ECEF ballistic model (J2, rotation, US76 drag, ln beta) has no thrust and no manoeuvre';

function quickLookOf(
  fit: BatchFit,
  obs: Track['observations'],
  o: Omit<QuickLookOptions, 'fromS' | 'launchTimeS' | 'seed'>,
  alpha: number | undefined,
): ReconstructionDetails['quickLook'] {
  const t0 = fit.x[P_TIME] as number;
  const prior = fit.problem.params[P_LOG_BETA]?.prior;
  const q = quickLook(obs, fit.problem.epochMs, {
    ...(prior ? { lnBetaPrior: { mean: prior.mean, sigma: prior.sigma } } : {}),
    ...(alpha !== undefined ? { alpha } : {}),
    ...o,
    fromS: t0 + fit.trajectory.burnoutS + 2,
    launchTimeS: t0,
    seed: inputSeed(obs, SEED_SALT.quickLookDeparture),
  });
  if (!q) return undefined;
  const agreement = quickLookAgreement(q, fit.trajectory, fit.x[P_LOG_BETA] as number);
  const summary: QuickLookSummary = {
    validity: QUICK_LOOK_VALIDITY,
    rows: q.rows,
    fromS: q.fromS,
    toS: q.toS,
    nisPerDof: q.nisPerDof,
    nisPValue: q.nis.pValue,
    cusumPValue: q.departure?.cusum.pValue ?? null,
    glrPValue: q.departure?.glr.pValue ?? null,
    lnBeta: q.lnBeta,
    agreementPValue: agreement.pValue,
    fitDifferenceRmsM: agreement.rmsM,
    fitDifferenceMaxM: agreement.maxM,
  };
  return { ...q, agreement, summary };
}

const ellipseJson = (e: Ellipse): Ellipse => ({
  semiMajorM: e.semiMajorM,
  semiMinorM: e.semiMinorM,
  orientationDeg: e.orientationDeg,
});

function pointJson(p: PointEstimate, iso: (tS: number) => string): PointJson {
  return {
    lat: p.latDeg,
    lon: p.lonDeg,
    time: iso(p.timeS),
    ellipse95: ellipseJson(p.ellipse95),
    timeSigmaS: p.timeSigmaS,
    crlb: { semiMajorM: p.crlb95.semiMajorM, semiMinorM: p.crlb95.semiMinorM },
  };
}
