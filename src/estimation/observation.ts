import type { MeasurementModel } from './models/measurement-model.js';

/**
 * One observation: the measurement vector z (length model.m, in the model's units) taken at time tS (seconds on
 * the run's own time axis, e.g. since the first plot), with the measurement model that explains it. Each
 * observation carries its own model, so sites, sigmas and even the kind of sensor may change from step to step.
 */
export interface Observation {
  readonly tS: number;
  readonly z: Float64Array;
  readonly model: MeasurementModel;
}
