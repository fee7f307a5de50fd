/**
 * A flight sampled at RK4 nodes: time after launch, ECEF position/velocity and the acceleration on each side
 * of the node, with cubic Hermite interpolation between nodes.
 */
export interface Trajectory {
  /** Number of nodes. */
  readonly n: number;
  /** Node times after launch, s (strictly increasing; the last is the impact time when `impacted`). */
  readonly tS: Float64Array;
  /** Node positions, ECEF m, 3 per node. */
  readonly pos: Float64Array;
  /** Node velocities, ECEF m/s, 3 per node. */
  readonly vel: Float64Array;
  /** Acceleration just after each node (right limit), m/s^2, 3 per node. */
  readonly accR: Float64Array;
  /** Acceleration just before each node (left limit), m/s^2, 3 per node (node 0: same as accR). */
  readonly accL: Float64Array;
  /** True when the flight reached the ground surface height; false when it stopped at the time limit. */
  readonly impacted: boolean;
  /** Burnout time after launch, s. */
  readonly burnoutS: number;
}

/** Index i with tS[i] <= t < tS[i+1], clamped to [0, n-2]. */
export function intervalIndex(tr: Trajectory, t: number): number {
  const ts = tr.tS;
  let lo = 0;
  let hi = tr.n - 1;
  if (t <= (ts[0] as number)) return 0;
  if (t >= (ts[hi] as number)) return Math.max(0, hi - 1);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Position and velocity at time `t` after launch, written into `out` [x, y, z, vx, vy, vz].
 *
 * Model: cubic Hermite interpolation of position from node positions and velocities, and of velocity from node
 * velocities and accelerations (one-sided at breakpoints, so burnout is not smeared). Accuracy: O(h^4) in
 * position; with the default steps (0.25 s boost, 1 s coast) < 1 cm against the RK4 solution at a node-to-node
 * midpoint (tested). Before launch the state is the launch point at rest; after the last node it is held at the
 * last node (the measurement models treat such rows as anomalous, not extrapolate).
 */
export function stateAt(tr: Trajectory, t: number, out: number[]): void {
  const ts = tr.tS;
  const last = tr.n - 1;
  if (t <= (ts[0] as number) || t >= (ts[last] as number)) {
    const k = t <= (ts[0] as number) ? 0 : last;
    for (let j = 0; j < 3; j++) {
      out[j] = tr.pos[3 * k + j] as number;
      out[3 + j] = t <= (ts[0] as number) ? 0 : (tr.vel[3 * k + j] as number);
    }
    return;
  }
  const i = intervalIndex(tr, t);
  const t0 = ts[i] as number;
  const h = (ts[i + 1] as number) - t0;
  const s = (t - t0) / h;
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = s3 - 2 * s2 + s;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = s3 - s2;
  const a = 3 * i;
  const b = 3 * (i + 1);
  for (let j = 0; j < 3; j++) {
    out[j] =
      h00 * (tr.pos[a + j] as number) +
      h10 * h * (tr.vel[a + j] as number) +
      h01 * (tr.pos[b + j] as number) +
      h11 * h * (tr.vel[b + j] as number);
    out[3 + j] =
      h00 * (tr.vel[a + j] as number) +
      h10 * h * (tr.accR[a + j] as number) +
      h01 * (tr.vel[b + j] as number) +
      h11 * h * (tr.accL[b + j] as number);
  }
}
