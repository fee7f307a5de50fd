import { z } from 'zod';
import { createExtendedKalmanFilter, extendedKalmanFilterConfigSchema } from './extended-kalman-filter.js';
import type { Filter } from './filter.js';
import { createKalmanFilter, kalmanFilterConfigSchema } from './kalman-filter.js';
import { createUnscentedKalmanFilter, unscentedKalmanFilterConfigSchema } from './unscented-kalman-filter.js';

/** Any filter's settings, tagged by `kind` ('kf' | 'ekf' | 'ukf'); what a saved run stores. */
export const filterConfigSchema = z.discriminatedUnion('kind', [
  kalmanFilterConfigSchema,
  extendedKalmanFilterConfigSchema,
  unscentedKalmanFilterConfigSchema,
]);
export type FilterConfig = z.infer<typeof filterConfigSchema>;

/** Builds the filter a (saved) config describes. Throws a ZodError on an invalid config. */
export function createFilter(config: z.input<typeof filterConfigSchema>): Filter<FilterConfig> {
  const c = filterConfigSchema.parse(config);
  switch (c.kind) {
    case 'kf':
      return createKalmanFilter(c);
    case 'ekf':
      return createExtendedKalmanFilter(c);
    case 'ukf':
      return createUnscentedKalmanFilter(c);
  }
}
