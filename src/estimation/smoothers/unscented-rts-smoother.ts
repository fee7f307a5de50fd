import { err } from '../../kernel/index.js';
import { z } from 'zod';
import { estimationError } from '../errors.js';
import { merweWeights, sigmaPointConfigSchema } from '../filters/sigma-points.js';
import { unscentedPredict, unscentedPredictWorkspace } from '../filters/unscented-predict.js';
import type { TransitionModel } from '../models/transition-model.js';
import { producedWith, type FilterTrack } from '../track.js';
import { backwardPass, STORED_MOMENTS } from './backward-pass.js';
import type { Smoother } from './smoother.js';

/** Settings of the unscented RTS smoother (its own sigma points; defaults alpha 1, beta 2, kappa 0). */
export const unscentedRtsSmootherConfigSchema = sigmaPointConfigSchema.extend({
  kind: z.literal('urts'),
  /**
   * 'auto' (default): when the track comes from a UKF with the same sigma-point settings and the very same
   * transition model object (see producedWith), reuse the moments the filter stored: its prediction from the
   * same filtered state, dt and points, so bitwise the same numbers at half the cost. 'recompute': always
   * redraw and propagate, as Stone Soup and FilterPy do.
   */
  moments: z.enum(['auto', 'recompute']).default('auto'),
});
export type UnscentedRtsSmootherConfig = z.infer<typeof unscentedRtsSmootherConfigSchema>;

/**
 * Unscented Rauch–Tung–Striebel smoother (Sarkka 2008, "Unscented Rauch–Tung–Striebel smoother", IEEE TAC 53(3),
 * algorithm 3.1), as Stone Soup and FilterPy implement it: for each k it draws sigma points of the FILTERED
 * N(x_{k|k}, P_{k|k}), propagates them through f over dt_{k+1}, and forms x_{k+1|k}, P_{k+1|k} (+ Q) and the
 * cross covariance D_{k+1}; then the backward recursion of backward-pass.ts.
 * Exact for linear-Gaussian models; second-order accurate otherwise. Costs one unscented prediction per step,
 * unless `moments: 'auto'` finds the filter's own identical moments in the track (see the config).
 */
export function createUnscentedRtsSmoother(
  config: z.input<typeof unscentedRtsSmootherConfigSchema> = { kind: 'urts' },
): Smoother<UnscentedRtsSmootherConfig> {
  const c = unscentedRtsSmootherConfigSchema.parse(config);
  return {
    config: c,
    smooth(track: FilterTrack, transition: TransitionModel, options) {
      const { n } = track;
      if (transition.n !== n)
        return err(
          estimationError(
            'TRACK_MISMATCH',
            `unscented RTS: transition ${transition.name} has ${String(transition.n)} states, the track ${String(n)}`,
          ),
        );
      const nn = n * n;
      const sp = track.sigmaPoints;
      const reuse =
        c.moments === 'auto' &&
        track.filter === 'ukf' &&
        producedWith(track, transition) &&
        sp !== undefined &&
        sp.alpha === c.alpha &&
        sp.beta === c.beta &&
        sp.kappa === c.kappa;
      if (reuse) return backwardPass('urts', track, STORED_MOMENTS, options?.reuse);
      const w = merweWeights(n, c);
      const ws = unscentedPredictWorkspace(w);
      const { filteredMeans, filteredCovars, dtS: steps } = track;
      return backwardPass(
        'urts',
        track,
        (k, xp, Pp, D) => {
          const dtS = steps[k + 1]!;
          if (!(dtS > 0)) {
            for (let i = 0; i < n; i++) xp[i] = filteredMeans[k * n + i]!;
            for (let i = 0; i < nn; i++) {
              const v = filteredCovars[k * nn + i]!;
              Pp[i] = v;
              D[i] = v;
            }
            return undefined;
          }
          // The filtered state is read in place (offsets into the track), not copied out.
          return unscentedPredict(
            w,
            ws,
            transition,
            filteredMeans,
            filteredCovars,
            dtS,
            xp,
            Pp,
            D,
            k,
            'filtered covariance (smoother)',
            k * n,
            k * nn,
          );
        },
        options?.reuse,
      );
    },
  };
}
