import { z } from 'zod';
import { createRtsSmoother, rtsSmootherConfigSchema } from './rts-smoother.js';
import type { Smoother } from './smoother.js';
import { createUnscentedRtsSmoother, unscentedRtsSmootherConfigSchema } from './unscented-rts-smoother.js';

/** Any smoother's settings, tagged by `kind` ('rts' | 'urts'). */
export const smootherConfigSchema = z.discriminatedUnion('kind', [
  rtsSmootherConfigSchema,
  unscentedRtsSmootherConfigSchema,
]);
export type SmootherConfig = z.infer<typeof smootherConfigSchema>;

/** Builds the smoother a (saved) config describes. Throws a ZodError on an invalid config. */
export function createSmoother(config: z.input<typeof smootherConfigSchema>): Smoother<SmootherConfig> {
  const c = smootherConfigSchema.parse(config);
  return c.kind === 'rts' ? createRtsSmoother(c) : createUnscentedRtsSmoother(c);
}
