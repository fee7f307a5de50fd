import type { ObservationKind } from '../observation.js';
import type { Trajectory } from '../trajectory.js';

/** What a measurement model needs of a candidate flight. */
export interface FlightEvaluation {
  readonly trajectory: Trajectory;
  /** Launch time, seconds after the fit's epoch. */
  readonly launchTimeS: number;
}

/**
 * The measurement model of one observation (Stone Soup's convention: each observation carries its own model,
 * so the fit never switches on the kind). Residuals are whitened: (observed - predicted) / sigma per component.
 */
export interface MeasurementModel {
  readonly kind: ObservationKind;
  /** Line of the source row (0 when synthetic). */
  readonly line: number;
  /** Number of residual components written. */
  readonly dim: number;
  /** Degrees of freedom the row contributes (dim, less any nuisance parameter it profiles out). */
  readonly dof: number;
  /** Log of the Gaussian normalising constant of the row, -sum ln(sigma_i sqrt(2 pi)) (SI units, radians). */
  readonly logNorm: number;
  /** Observation time, seconds after the fit's epoch; undefined for rows at an unknown time. */
  readonly tS?: number;
  /** Writes the whitened residuals at out[offset .. offset + dim). */
  residuals(f: FlightEvaluation, out: Float64Array, offset: number): void;
}

/** -sum ln(sigma sqrt(2 pi)) over the given sigmas. */
export const logNormOf = (...sigmas: number[]): number =>
  sigmas.reduce((a, s) => a - Math.log(s * Math.sqrt(2 * Math.PI)), 0);
