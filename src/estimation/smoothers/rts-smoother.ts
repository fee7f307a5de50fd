import { z } from 'zod';
import type { FilterTrack } from '../track.js';
import { backwardPass, STORED_MOMENTS } from './backward-pass.js';
import type { Smoother } from './smoother.js';

/** Settings of the RTS smoother (none beyond its kind). */
export const rtsSmootherConfigSchema = z.object({ kind: z.literal('rts') });
export type RtsSmootherConfig = z.infer<typeof rtsSmootherConfigSchema>;

/**
 * Rauch–Tung–Striebel smoother (Rauch, Tung & Striebel 1965) over the moments the filter stored: the predicted
 * mean and covariance and the cross covariance D_{k+1} (= P_{k|k} F^T for the KF and EKF). Exact for
 * linear-Gaussian models (equals the batch least-squares solution of the whole track); for the EKF it is the
 * extended RTS smoother with F at the filtered mean. On a UKF track it is the unscented RTS smoother with the
 * filter's own sigma points (Sarkka 2008, with the cross covariance reused from the prediction).
 * Cost: O(N n^3), no model evaluations.
 */
export function createRtsSmoother(config: RtsSmootherConfig = { kind: 'rts' }): Smoother<RtsSmootherConfig> {
  const c = rtsSmootherConfigSchema.parse(config);
  return {
    config: c,
    smooth(track: FilterTrack, _transition, options) {
      return backwardPass('rts', track, STORED_MOMENTS, options?.reuse);
    },
  };
}
