import { enuFrame, wrapAngleRad } from '../../geodesy/index.js';
import type { RadarObservation, SightingObservation } from '../observation.js';
import { stateAt } from '../trajectory.js';
import type { FlightEvaluation, MeasurementModel } from './model.js';
import { logNormOf } from './model.js';

const RAD = Math.PI / 180;

/**
 * Radar (range, azimuth, elevation, optional range rate) or optical sighting (azimuth, elevation) from a
 * geodetic site. Model: geometric line of sight from the site to the flight's ECEF position at the row's time
 * (Hermite-interpolated), azimuth clockwise from north, elevation above the ellipsoid-normal horizontal plane,
 * range rate = (r - s) . v / |r - s| (ECEF, the site is fixed in ECEF); no refraction, no light-time delay
 * (< 2 ms at 500 km, < 4 m at 2 km/s, below the noise). Angle residuals wrapped to (-pi, pi]. Exact otherwise.
 */
export function lineOfSightModel(
  o: RadarObservation | SightingObservation,
  epochMs: number,
): MeasurementModel {
  const frame = enuFrame(o.site);
  const O = frame.originEcef;
  const E = frame.east;
  const N = frame.north;
  const U = frame.up;
  const tS = (o.t - epochMs) / 1000;
  const azObs = o.azDeg * RAD;
  const elObs = o.elDeg * RAD;
  const sA = o.sigmaAngleDeg * RAD;
  const radar = o.kind === 'radar' ? o : undefined;
  const hasRate = radar?.rangeRateMps !== undefined;
  const dim = radar ? (hasRate ? 4 : 3) : 2;
  const st = [0, 0, 0, 0, 0, 0];
  return {
    kind: o.kind,
    line: o.line,
    dim,
    dof: dim,
    logNorm: radar
      ? logNormOf(sA, sA, radar.sigmaRangeM, ...(hasRate ? [radar.sigmaRangeRateMps as number] : []))
      : logNormOf(sA, sA),
    tS,
    residuals(f: FlightEvaluation, out: Float64Array, offset: number): void {
      stateAt(f.trajectory, tS - f.launchTimeS, st);
      const dx = (st[0] as number) - O[0];
      const dy = (st[1] as number) - O[1];
      const dz = (st[2] as number) - O[2];
      const e = E[0] * dx + E[1] * dy + E[2] * dz;
      const n = N[0] * dx + N[1] * dy + N[2] * dz;
      const u = U[0] * dx + U[1] * dy + U[2] * dz;
      const horiz = Math.sqrt(e * e + n * n);
      out[offset] = wrapAngleRad(azObs - Math.atan2(e, n)) / sA;
      out[offset + 1] = (elObs - Math.atan2(u, horiz)) / sA;
      if (radar) {
        const range = Math.sqrt(horiz * horiz + u * u);
        out[offset + 2] = (radar.rangeM - range) / radar.sigmaRangeM;
        if (hasRate) {
          const rr = (dx * (st[3] as number) + dy * (st[4] as number) + dz * (st[5] as number)) / range;
          out[offset + 3] = ((radar.rangeRateMps as number) - rr) / (radar.sigmaRangeRateMps as number);
        }
      }
    },
  };
}
