import type { Observation } from '../observation.js';
import type { MeasurementModel } from './model.js';
import { lineOfSightModel } from './radar.js';
import { breakupModel, fixModel, impactModel, launchModel } from './point.js';

export type { FlightEvaluation, MeasurementModel } from './model.js';
export { lineOfSightModel } from './radar.js';
export { breakupModel, fixModel, impactModel, launchModel, nearestTimeS } from './point.js';

/** The measurement model of an observation, with times counted in seconds from `epochMs`. */
export function measurementModel(o: Observation, epochMs: number): MeasurementModel {
  switch (o.kind) {
    case 'radar':
    case 'sighting':
      return lineOfSightModel(o, epochMs);
    case 'fix':
      return fixModel(o, epochMs);
    case 'impact':
      return impactModel(o);
    case 'breakup':
      return breakupModel(o);
    case 'launch':
      return launchModel(o);
  }
}
