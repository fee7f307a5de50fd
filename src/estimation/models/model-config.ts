import { z } from 'zod';
import { ballisticFlatEarthConfigSchema, createBallisticFlatEarthModel } from './ballistic-flat-earth.js';
import { constantVelocityConfigSchema, createConstantVelocityModel } from './constant-velocity.js';
import {
  createLinearMeasurementModel,
  createPositionMeasurementModel,
  linearMeasurementConfigSchema,
  positionMeasurementConfigSchema,
} from './linear-measurement.js';
import type { MeasurementModel } from './measurement-model.js';
import { createRadarFlatEarthModel, radarFlatEarthConfigSchema } from './radar-flat-earth.js';
import type { TransitionModel } from './transition-model.js';

/** Any transition model's settings, tagged by `kind`: what a saved run stores to rebuild its dynamics. */
export const transitionModelConfigSchema = z.discriminatedUnion('kind', [
  constantVelocityConfigSchema.extend({ kind: z.literal('constant-velocity') }),
  ballisticFlatEarthConfigSchema.extend({ kind: z.literal('ballistic-flat-earth') }),
]);
export type TransitionModelConfig = z.input<typeof transitionModelConfigSchema>;

/** Builds the transition model a (saved) config describes. Throws a ZodError on an invalid config. */
export function createTransitionModel(config: TransitionModelConfig): TransitionModel {
  const c = transitionModelConfigSchema.parse(config);
  return c.kind === 'constant-velocity' ? createConstantVelocityModel(c) : createBallisticFlatEarthModel(c);
}

/** Any measurement model's settings, tagged by `kind`. */
export const measurementModelConfigSchema = z.discriminatedUnion('kind', [
  linearMeasurementConfigSchema.safeExtend({ kind: z.literal('linear') }),
  positionMeasurementConfigSchema.extend({ kind: z.literal('position') }),
  radarFlatEarthConfigSchema.extend({ kind: z.literal('radar-flat-earth') }),
]);
export type MeasurementModelConfig = z.input<typeof measurementModelConfigSchema>;

/** Builds the measurement model a (saved) config describes. Throws a ZodError on an invalid config. */
export function createMeasurementModel(config: MeasurementModelConfig): MeasurementModel {
  const c = measurementModelConfigSchema.parse(config);
  switch (c.kind) {
    case 'linear':
      return createLinearMeasurementModel(c);
    case 'position':
      return createPositionMeasurementModel(c);
    case 'radar-flat-earth':
      return createRadarFlatEarthModel(c);
  }
}
