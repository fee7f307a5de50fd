import { err, ok, salvoError } from '../kernel/index.js';
import type { MotorTemplate, Result } from '../kernel/index.js';
import { enuFrameRad } from '../geodesy/index.js';
import type { FitProblem, ParamSpec } from './fit-problem.js';
import type { IntegrationOptions } from './integrate.js';
import { measurementModel } from './measurement/index.js';
import type { MotorFigure } from './motor.js';
import { burnoutBetaKgM2, figureOf, MOTOR_FIGURES, motorParams, motorSigmas } from './motor.js';
import type { Observation } from './observation.js';

/** Settings of the batch fit that do not come from the track. */
export interface FitSettings {
  readonly template: MotorTemplate;
  /** Launch height above the ellipsoid, m (default: the launch row's, else the impact row's, else 0). */
  readonly launchAltM?: number;
  /** Its uncertainty, a consider parameter (default: the launch row's sigma_v_m, else 0). */
  readonly launchAltSigmaM?: number;
  /** Height of the impact surface, m (default: the impact row's, else 0). */
  readonly groundAltM?: number;
  /** Prior sigma of ln beta when the template's cdAM2 has none (default 1: a factor e either way). */
  readonly betaPriorSigmaLn?: number;
  /** Uncertainty of fixed template figures, entering the covariance as consider parameters. */
  readonly considerSigmas?: Partial<Record<MotorFigure, number>>;
  readonly integration?: IntegrationOptions;
}

const FD: Record<MotorFigure, number> = {
  m0Kg: 0.01,
  mfKg: 0.01,
  burnTimeS: 1e-4,
  exhaustVelocityMps: 1e-3,
  verticalRiseS: 1e-4,
  kickS: 1e-4,
  cdAM2: 1e-6,
  manoeuvreStartS: 1e-3,
  manoeuvreEndS: 1e-3,
  manoeuvreAccelMps2: 1e-4,
};

/**
 * Builds the batch-fit problem: measurement models with times from the first timed row (the epoch), the
 * unknowns with their priors and finite-difference steps, the consider parameters, the launch and ground heights.
 * The reference point (north = east = 0) is set by the caller from the initialisation.
 */
export function buildProblem(
  observations: readonly Observation[],
  s: FitSettings,
  referenceLatRad = 0,
  referenceLonRad = 0,
): Result<FitProblem> {
  const timed = observations.filter((o) => o.t !== undefined);
  const epochMs = timed.length > 0 ? Math.min(...timed.map((o) => o.t as number)) : 0;
  const launchRow = observations.find((o) => o.kind === 'launch');
  const impactRow = observations.find((o) => o.kind === 'impact');
  if (observations.filter((o) => o.kind === 'impact').length > 1) {
    return err(salvoError('INVALID_INPUT', 'more than one impact row: a flight has one impact point'));
  }
  if (observations.filter((o) => o.kind === 'launch').length > 1) {
    return err(
      salvoError('INVALID_INPUT', 'more than one launch row: merge the launch sightings into one region'),
    );
  }
  const groundAltM = s.groundAltM ?? (impactRow?.kind === 'impact' ? impactRow.altM : 0);
  const launchAltM =
    s.launchAltM ??
    (launchRow?.kind === 'launch' && launchRow.altM !== undefined ? launchRow.altM : groundAltM);
  const launchAltSigmaM = s.launchAltSigmaM ?? (launchRow?.kind === 'launch' ? (launchRow.sigmaVM ?? 0) : 0);

  const motor = motorParams(s.template);
  const sig = motorSigmas(s.template);
  const params: ParamSpec[] = [
    { name: 'northM', fdStep: 1 },
    { name: 'eastM', fdStep: 1 },
    { name: 'launchTimeS', fdStep: 1e-3, shiftsOnly: true },
    { name: 'azimuthRad', fdStep: 1e-6 },
    { name: 'kickRad', fdStep: 1e-6 },
    {
      name: 'logBeta',
      fdStep: 1e-5,
      prior: {
        mean: Math.log(burnoutBetaKgM2(motor)),
        sigma: sig.cdAM2 !== undefined ? sig.cdAM2 / motor.cdAM2 : (s.betaPriorSigmaLn ?? 1),
      },
    },
  ];
  const figures: MotorFigure[] = [];
  const considerFigures: MotorFigure[] = [];
  const considers: ParamSpec[] = [
    { name: 'launchAltM', fdStep: 1, prior: { mean: launchAltM, sigma: launchAltSigmaM } },
  ];
  for (const f of MOTOR_FIGURES) {
    if (f === 'cdAM2') continue; // estimated through ln beta
    if (Number.isNaN(figureOf(motor, f))) continue; // a manoeuvre figure of a template without a manoeuvre
    const sigma = sig[f];
    if (sigma !== undefined) {
      figures.push(f);
      params.push({ name: f, fdStep: FD[f], prior: { mean: figureOf(motor, f), sigma } });
    } else if (s.considerSigmas?.[f] !== undefined) {
      considerFigures.push(f);
      considers.push({
        name: f,
        fdStep: FD[f],
        prior: { mean: figureOf(motor, f), sigma: s.considerSigmas[f] as number },
      });
    }
  }
  const models = observations.map((o) => measurementModel(o, epochMs));
  const m = models.reduce((a, mdl) => a + mdl.dim, 0) + params.filter((q) => q.prior).length;
  return ok({
    epochMs,
    models,
    params,
    considers,
    figures,
    considerFigures,
    baseMotor: motor,
    reference: enuFrameRad(referenceLatRad, referenceLonRad, 0),
    referenceLatRad,
    referenceLonRad,
    integration: { ...s.integration, groundAltM },
    m,
  });
}
