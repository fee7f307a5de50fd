/** Flight reconstruction (issue 3): public API. */
export { reconstruct, reconstructDetailed } from './reconstruct.js';
export type { ReconstructOptions, ReconstructionDetails, QuickLookSummary } from './reconstruct.js';
export type { ReconstructionResult, PointJson, EllipseJson, HdrJson } from './result.js';
export { RECONSTRUCTION_METHOD } from './result.js';
export { reconstructionGeoJson, ellipsePolygon } from './geojson.js';
export type { Feature, FeatureCollection, Geometry, Position } from './geojson.js';
export { parseTrackCsv, writeTrackCsv, TRACK_COLUMNS } from './track-csv.js';
export type {
  Observation,
  ObservationKind,
  Track,
  RadarObservation,
  FixObservation,
  SightingObservation,
  ImpactObservation,
  BreakupObservation,
  LaunchObservation,
} from './observation.js';
export { OBSERVATION_KINDS } from './observation.js';
export { simulate } from './simulate.js';
export type { SimulateOptions, Simulation, SimRadar, SimObserver, ModelMismatch } from './simulate.js';
export { aimAtTarget } from './aim.js';
export type { AimOptions, AimSolution, TrajectoryBranch } from './aim.js';
export { fitTemplate } from './fit.js';
export type { BatchFit, FitOptions } from './fit.js';
export type { FitSettings } from './build-problem.js';
export { launchEstimate, impactEstimate } from './estimates.js';
export type { PointEstimate } from './estimates.js';
export { detectFailures } from './failure.js';
export type { FailureOptions, FailureReport, Verdict } from './failure.js';
export { residualChannels } from './failure.js';
export { departureTests, cusumStatistic, glrStatistic, fitResidualNull, whiteNull } from './departure.js';
export type { DepartureOptions, DepartureVerdict, ResidualChannel, NullDraw } from './departure.js';
export { quickLook, quickLookAgreement } from './quick-look.js';
export type { QuickLook, QuickLookAgreement, QuickLookOptions } from './quick-look.js';
export { createEcefBallisticModel, radarEcefModel, fixEcefModel } from './quick-look-models.js';
export type { EcefBallisticSettings } from './quick-look-models.js';
export { launchPosterior, hdrOf, insideRing } from './posterior.js';
export type { LaunchPosterior, LaunchHdr, PosteriorOptions } from './posterior.js';
export { inputSeed } from './seed.js';
export { typeLikelihood } from './type-likelihood.js';
export type { TypeLikelihood } from './type-likelihood.js';
export { integrateFlight } from './integrate.js';
export type { IntegrationOptions } from './integrate.js';
export type { FlightParams } from './dynamics.js';
export { flightProfile, endPoint } from './profile.js';
export type { FlightProfile, EndPoint } from './profile.js';
export { motorParams, motorSigmas, GENERIC_SRBM, burnoutBetaKgM2 } from './motor.js';
export type { MotorParams, Manoeuvre, MotorFigure } from './motor.js';
export { densityKgM3 } from './atmosphere.js';
export { covarianceEllipse } from './ellipse.js';
export type { Ellipse } from './ellipse.js';
export type { Trajectory } from './trajectory.js';
export { stateAt } from './trajectory.js';
