import { choleskySolve, cholesky, normalEquations } from './linalg.js';

/** A nonlinear least-squares problem: minimise |r(x)|^2 over x in R^n. */
export interface LeastSquares {
  readonly n: number;
  readonly m: number;
  /** Residuals at x, or undefined where x is outside the domain (the step is then rejected). */
  residuals(x: Float64Array): Float64Array | undefined;
  /** m x n row-major Jacobian dr/dx at x (r0 = residuals(x) given to save a call). */
  jacobian(x: Float64Array, r0: Float64Array): Float64Array;
}

export interface LmOptions {
  readonly maxIterations?: number;
  /** Converged when the step's Mahalanobis length sqrt(dx^T J^T J dx) is below this (in sigmas). */
  readonly stepTolerance?: number;
  /** Converged when the relative decrease of the cost is below this. */
  readonly costTolerance?: number;
}

export type LmOutcome =
  | {
      readonly converged: true;
      readonly x: Float64Array;
      readonly r: Float64Array;
      readonly cost: number;
      readonly iterations: number;
    }
  | {
      readonly converged: false;
      readonly why: string;
      readonly x: Float64Array;
      readonly cost: number;
      readonly iterations: number;
    };

/**
 * Levenberg–Marquardt with Marquardt's diagonal scaling: solve (J^T J + lambda diag(J^T J)) dx = -J^T r, accept
 * the step if the cost falls (lambda / 3), otherwise lambda x 4 and retry. Converged when the accepted step is
 * shorter than `stepTolerance` standard deviations (sqrt(dx^T J^T J dx), default 1e-3) or the relative cost
 * decrease is below `costTolerance` (default 1e-10) with a step under 0.1 sigma. Not converged (with the reason)
 * when lambda exceeds 1e12 (no descent direction reduces the cost), the normal matrix is singular, or the
 * iteration limit (default 50) is reached.
 */
export function levenbergMarquardt(p: LeastSquares, x0: Float64Array, o: LmOptions = {}): LmOutcome {
  const maxIt = o.maxIterations ?? 50;
  const stepTol = o.stepTolerance ?? 1e-3;
  const costTol = o.costTolerance ?? 1e-10;
  const n = p.n;
  let x = Float64Array.from(x0);
  const r0 = p.residuals(x);
  if (!r0)
    return {
      converged: false,
      why: 'the starting point is outside the model domain',
      x,
      cost: Infinity,
      iterations: 0,
    };
  let r = r0;
  let cost = dot(r, r);
  let lambda = 1e-3;
  for (let it = 1; it <= maxIt; it++) {
    const j = p.jacobian(x, r);
    const { jtj, jtr } = normalEquations(j, p.m, n, r);
    let accepted = false;
    while (!accepted) {
      const a = Float64Array.from(jtj);
      for (let i = 0; i < n; i++) a[i * n + i] = (jtj[i * n + i] as number) * (1 + lambda) + 1e-12;
      const l = cholesky(a, n);
      if (!l) {
        lambda *= 4;
        if (lambda > 1e12)
          return { converged: false, why: 'the normal matrix is singular', x, cost, iterations: it };
        continue;
      }
      const dx = choleskySolve(l, n, jtr);
      const xn = new Float64Array(n);
      for (let i = 0; i < n; i++) xn[i] = (x[i] as number) - (dx[i] as number);
      const rn = p.residuals(xn);
      const cn = rn ? dot(rn, rn) : Infinity;
      if (rn && cn <= cost) {
        // Mahalanobis length of the step under J^T J.
        let q = 0;
        for (let a1 = 0; a1 < n; a1++) {
          let s = 0;
          for (let b = 0; b < n; b++) s += (jtj[a1 * n + b] as number) * (dx[b] as number);
          q += (dx[a1] as number) * s;
        }
        const step = Math.sqrt(Math.max(0, q));
        const rel = (cost - cn) / Math.max(cost, 1e-300);
        x = xn;
        r = rn;
        cost = cn;
        lambda = Math.max(lambda / 3, 1e-12);
        accepted = true;
        if (step < stepTol || (rel < costTol && step < 0.1))
          return { converged: true, x, r, cost, iterations: it };
      } else {
        lambda *= 4;
        if (lambda > 1e12) {
          // No step reduces the cost: at a minimum to numerical precision if the gradient is tiny.
          const gradNorm = Math.sqrt(dot(jtr, jtr));
          if (gradNorm < 1e-6 * Math.max(1, Math.sqrt(cost)))
            return { converged: true, x, r, cost, iterations: it };
          return {
            converged: false,
            why: `no step reduces the cost (gradient ${gradNorm.toExponential(2)}): the Jacobian is inaccurate or the model is not smooth here`,
            x,
            cost,
            iterations: it,
          };
        }
      }
    }
  }
  return { converged: false, why: `no convergence within ${maxIt} iterations`, x, cost, iterations: maxIt };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
