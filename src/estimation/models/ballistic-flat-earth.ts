import { z } from 'zod';
import type { TransitionModel } from './transition-model.js';

/**
 * exp(u): the Taylor polynomial of degree 9 (Horner) for |u| <= 1/16, where its truncation error
 * u^10 / 10! < 3e-19 is below half an ulp, so the result is within about 2 ulp of Math.exp; Math.exp elsewhere.
 */
export function expSmall(u: number): number {
  if (!(u >= -0.0625 && u <= 0.0625)) return Math.exp(u);
  return (
    1 +
    u *
      (1 +
        u *
          (1 / 2 +
            u *
              (1 / 6 +
                u *
                  (1 / 24 +
                    u * (1 / 120 + u * (1 / 720 + u * (1 / 5040 + u * (1 / 40320 + u * (1 / 362880)))))))))
  );
}

/** Settings of the flat-Earth ballistic model (defaults: test/reference/ukf-ballistic-1000/README.md). */
export const ballisticFlatEarthConfigSchema = z.object({
  /** Power spectral density q of white acceleration noise per axis, m^2/s^3. */
  noiseDiffusionM2PerS3: z.number().nonnegative().default(1),
  /** Random-walk density of gamma = 1/beta: Q[gamma, gamma] = this * dt, (m^2/kg)^2 per second. */
  gammaNoiseDiffusionM4PerKg2PerS: z.number().nonnegative().default(1e-12),
  /** Gravity, m/s^2, along -z. */
  gravityMps2: z.number().nonnegative().default(9.80665),
  /** Air density at z = 0, kg/m^3. */
  seaLevelDensityKgPerM3: z.number().nonnegative().default(1.225),
  /** Scale height of the exponential atmosphere, m. */
  scaleHeightM: z.number().positive().default(7200),
  /** Density is held constant below this altitude (keeps exp() bounded for wild sigma points), m. */
  densityFloorAltitudeM: z.number().default(-2000),
});
export type BallisticFlatEarthConfig = z.input<typeof ballisticFlatEarthConfigSchema>;

/** State layout of the ballistic model. */
export const BALLISTIC_STATE = { x: 0, vx: 1, y: 2, vy: 3, z: 4, vz: 5, gamma: 6 } as const;

/**
 * Flat-Earth ballistic transition with drag and an estimated inverse ballistic coefficient.
 *
 * Model: state [x, vx, y, vy, z, vz, gamma] (m, m/s, m^2/kg), x and y horizontal, z up, gamma = 1/beta.
 * Acceleration a = -0.5 rho(z) gamma |v| v - [0, 0, g], rho(z) = rho0 exp(-max(z, zFloor) / H); gamma constant.
 * Transition: ONE classical RK4 step of length dt over (position, velocity), gamma carried unchanged.
 * Process noise: per axis q [[dt^3/3, dt^2/2], [dt^2/2, dt]], and Q[gamma, gamma] = qGamma dt.
 *
 * Accuracy: the single RK4 step has local error O(dt^5); at dt = 0.22 s and |v| ~ 1.5 km/s its truncation error
 * is far below the process noise, and it is the *definition* of the model (the reference anchors use it too).
 * Valid for short flights (tens of km) where Earth curvature, rotation and the variation of g are negligible,
 * and for dt small against the drag time constant (2 beta / (rho |v|)). F is the exact Jacobian of the
 * discrete RK4 map (propagated through the four stages), not a finite difference.
 */
export function createBallisticFlatEarthModel(config: BallisticFlatEarthConfig = {}): TransitionModel {
  const c = ballisticFlatEarthConfigSchema.parse(config);
  const q = c.noiseDiffusionM2PerS3;
  const g = c.gravityMps2;
  const rho0 = c.seaLevelDensityKgPerM3;
  const invH = 1 / c.scaleHeightM;
  const zFloor = c.densityFloorAltitudeM;
  const n = 7;
  // Stage buffers, allocated once per model (the hot path must not allocate).
  const k1 = new Float64Array(n);
  const s = new Float64Array(n);
  const v = new Float64Array(3);

  /** d/dt of the state. */
  const deriv = (x: Float64Array, out: Float64Array): void => {
    const vx = x[1]!;
    const vy = x[3]!;
    const vz = x[5]!;
    const speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
    const zz = x[4]!;
    const rho = rho0 * Math.exp(-(zz > zFloor ? zz : zFloor) * invH);
    const k = -0.5 * rho * x[6]! * speed;
    out[0] = vx;
    out[1] = k * vx;
    out[2] = vy;
    out[3] = k * vy;
    out[4] = vz;
    out[5] = k * vz - g;
    out[6] = 0;
  };

  /** The scalar k of the drag acceleration k v at density rho: -0.5 rho gamma |v|, 1/s. */
  const dragFactorAt = (rho: number, vx: number, vy: number, vz: number, gamma: number): number =>
    -0.5 * rho * gamma * Math.sqrt(vx * vx + vy * vy + vz * vz);

  /** rho(z0 + dz) given rhoAtZ0 = rho(z0): the factor exp(-dz / H) when both altitudes are above the floor. */
  const stageDensity = (rhoAtZ0: number, z0: number, dz: number): number => {
    const z = z0 + dz;
    if (z0 > zFloor && z > zFloor) return rhoAtZ0 * expSmall(-dz * invH);
    return rho0 * Math.exp(-(z > zFloor ? z : zFloor) * invH);
  };

  /** Jacobian (7 x 7) of deriv at x. */
  const derivJacobian = (x: Float64Array, out: Float64Array): void => {
    out.fill(0);
    v[0] = x[1]!;
    v[1] = x[3]!;
    v[2] = x[5]!;
    const speed = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    const zz = x[4]!;
    const above = zz > zFloor;
    const rho = rho0 * Math.exp(-(above ? zz : zFloor) * invH);
    const gamma = x[6]!;
    const c0 = -0.5 * rho * gamma;
    const dRhoDz = above ? -rho * invH : 0;
    for (let a = 0; a < 3; a++) {
      const row = (2 * a + 1) * n;
      out[2 * a * n + 2 * a + 1] = 1; // d(pos)/dt = vel
      for (let b = 0; b < 3; b++) {
        // d(k v_a)/d v_b = c0 (|v| delta_ab + v_a v_b / |v|)
        out[row + 2 * b + 1] = c0 * ((a === b ? speed : 0) + (speed > 0 ? (v[a]! * v[b]!) / speed : 0));
      }
      out[row + 4] = -0.5 * dRhoDz * gamma * speed * v[a]!;
      out[row + 6] = -0.5 * rho * speed * v[a]!;
    }
  };

  const J = new Float64Array(n * n);
  const S = new Float64Array(n * n); // d(stage input)/d(x0)
  const K = new Float64Array(n * n); // d(stage derivative)/d(x0)
  const acc = new Float64Array(n * n);
  const stageJacobian = (): void => {
    // K = J * S
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let t = 0;
        for (let p = 0; p < n; p++) t += J[i * n + p]! * S[p * n + j]!;
        K[i * n + j] = t;
      }
  };

  return {
    name: 'ballistic-flat-earth-rk4',
    n,
    linear: false,
    f(x, dtS, out) {
      // Unrolled into scalars (this is called 15 times per UKF step): the same RK4 as `deriv` over buffers, but
      // with no array traffic. Only z enters the stage accelerations (through the density), and the stage
      // altitudes are z0 + dz with |dz| = |v_z| dt / 2 or |v_z| dt, so rho(z0 + dz) = rho(z0) exp(-dz / H): one
      // Math.exp per call instead of four (see expSmall: at dt ~ 0.2 s the factor's argument is ~0.05). Why by
      // hand: the four exp calls were a sixth of a UKF step; the product differs from a direct exp by a few ulp
      // (2e-16 relative), far below anything the model claims.
      const h2 = 0.5 * dtS;
      const z0 = x[4]!;
      const vx0 = x[1]!;
      const vy0 = x[3]!;
      const vz0 = x[5]!;
      const gamma = x[6]!;
      const rho1 = rho0 * Math.exp(-(z0 > zFloor ? z0 : zFloor) * invH);
      const c1 = dragFactorAt(rho1, vx0, vy0, vz0, gamma);
      const vx2 = vx0 + h2 * (c1 * vx0);
      const vy2 = vy0 + h2 * (c1 * vy0);
      const vz2 = vz0 + h2 * (c1 * vz0 - g);
      const c2 = dragFactorAt(stageDensity(rho1, z0, h2 * vz0), vx2, vy2, vz2, gamma);
      const vx3 = vx0 + h2 * (c2 * vx2);
      const vy3 = vy0 + h2 * (c2 * vy2);
      const vz3 = vz0 + h2 * (c2 * vz2 - g);
      const c3 = dragFactorAt(stageDensity(rho1, z0, h2 * vz2), vx3, vy3, vz3, gamma);
      const vx4 = vx0 + dtS * (c3 * vx3);
      const vy4 = vy0 + dtS * (c3 * vy3);
      const vz4 = vz0 + dtS * (c3 * vz3 - g);
      const c4 = dragFactorAt(stageDensity(rho1, z0, dtS * vz3), vx4, vy4, vz4, gamma);
      const h6 = dtS / 6;
      out[0] = x[0]! + h6 * (vx0 + 2 * vx2 + 2 * vx3 + vx4);
      out[1] = vx0 + h6 * (c1 * vx0 + 2 * (c2 * vx2) + 2 * (c3 * vx3) + c4 * vx4);
      out[2] = x[2]! + h6 * (vy0 + 2 * vy2 + 2 * vy3 + vy4);
      out[3] = vy0 + h6 * (c1 * vy0 + 2 * (c2 * vy2) + 2 * (c3 * vy3) + c4 * vy4);
      out[4] = z0 + h6 * (vz0 + 2 * vz2 + 2 * vz3 + vz4);
      out[5] = vz0 + h6 * (c1 * vz0 - g + 2 * (c2 * vz2 - g) + 2 * (c3 * vz3 - g) + (c4 * vz4 - g));
      out[6] = gamma;
    },
    F(x, dtS, out) {
      const h2 = 0.5 * dtS;
      acc.fill(0);
      S.fill(0);
      for (let i = 0; i < n; i++) S[i * n + i] = 1;
      s.set(x);
      for (let stage = 0; stage < 4; stage++) {
        derivJacobian(s, J);
        stageJacobian();
        const weight = stage === 0 || stage === 3 ? 1 : 2;
        for (let i = 0; i < n * n; i++) acc[i]! += weight * K[i]!;
        if (stage < 3) {
          deriv(s, k1);
          const hs = stage === 2 ? dtS : h2;
          for (let i = 0; i < n; i++) s[i] = x[i]! + hs * k1[i]!;
          // S = I + hs * K
          for (let i = 0; i < n * n; i++) S[i] = hs * K[i]!;
          for (let i = 0; i < n; i++) S[i * n + i]! += 1;
        }
      }
      const h6 = dtS / 6;
      for (let i = 0; i < n * n; i++) out[i] = h6 * acc[i]!;
      for (let i = 0; i < n; i++) out[i * n + i]! += 1;
    },
    Q(dtS, out) {
      out.fill(0);
      const dt2 = dtS * dtS;
      for (let a = 0; a < 3; a++) {
        const p = 2 * a;
        out[p * n + p] = (q * dt2 * dtS) / 3;
        out[p * n + p + 1] = (q * dt2) / 2;
        out[(p + 1) * n + p] = (q * dt2) / 2;
        out[(p + 1) * n + p + 1] = q * dtS;
      }
      out[6 * n + 6] = c.gammaNoiseDiffusionM4PerKg2PerS * dtS;
    },
  };
}
