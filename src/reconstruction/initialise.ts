import { degrees, meters } from '../kernel/index.js';
import {
  EARTH_MEAN_RADIUS_M,
  ecefToGeodetic,
  ecefToGeodeticRad,
  enuFrame,
  enuFrameRad,
  geodesicDirect,
  geodesicInverse,
  pointAt,
} from '../geodesy/index.js';
import type { EnuFrame } from '../geodesy/index.js';
import type { FitProblem } from './fit-problem.js';
import {
  considerMeans,
  flightOf,
  P_AZIMUTH,
  P_EAST,
  P_KICK,
  P_LOG_BETA,
  P_NORTH,
  P_TIME,
} from './fit-problem.js';
import { integrateFlight } from './integrate.js';
import type { MeasurementModel } from './measurement/index.js';
import type { Observation } from './observation.js';
import type { Trajectory } from './trajectory.js';

const RAD = Math.PI / 180;
const KICK_GRID_DEG = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80];
const AZIMUTH_GRID_DEG = Array.from({ length: 24 }, (_, i) => i * 15);

/** A flight shape for one kick angle, in the tangent frame of its launch point with azimuth 0 (north). */
interface Shape {
  readonly kickRad: number;
  readonly tr: Trajectory;
  /** Node positions, velocities and accelerations in the launch tangent frame (e, n, u). */
  readonly enuPos: Float64Array;
  readonly enuVel: Float64Array;
  readonly enuAccR: Float64Array;
  readonly enuAccL: Float64Array;
  /** Geodetic height and ground distance from launch at each node. */
  readonly altM: Float64Array;
  readonly groundM: Float64Array;
}

/** A starting point for the batch fit, with the cost of its approximate flight. */
export interface Candidate {
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly azimuthRad: number;
  readonly kickRad: number;
  readonly launchTimeS: number;
  readonly cost: number;
}

/**
 * Starting points for the batch fit without a filter, from a coarse grid (issue 3 allows "impact/launch-region
 * observations and a coarse grid").
 *
 * Method: the template's flight is integrated once per kick angle on a 5–80° grid from an anchor point with
 * azimuth 0, and expressed in its launch tangent frame. A candidate launch point L and azimuth psi "transplant"
 * that shape (rotation about the vertical of L; exact on a sphere, off by Earth-rotation and J2 effects of a few
 * hundred metres), so its residuals cost no integration. Candidates come from every anchor the track offers:
 * the launch region (24 azimuths), the impact point (24 arrival directions, launch point back along each at the
 * shape's range), and 3-D radar/fix points (launch time from matching the height profile and along-track
 * distances, launch point back-projected along the track). Launch time is scanned on a 4 s grid, and the best 4 x `count` candidates refined by golden section where no anchor
 * fixes it; the cost is the whitened sum of squares of all rows (timed rows thinned to 60). Returns the best
 * `count` candidates, best first; empty when the track has no anchor (only sightings or breakup points).
 */
export function initialCandidates(
  problem: FitProblem,
  observations: readonly Observation[],
  count = 3,
): Candidate[] {
  const c = considerMeans(problem);
  const anchor = anchorPoint(observations);
  if (!anchor) return [];
  const shapes = KICK_GRID_DEG.map((k) => shapeFor(problem, c, anchor, k * RAD));
  const models = thinned(problem.models, 60);
  const timedTimes = models.filter((m) => m.tS !== undefined).map((m) => m.tS as number);
  const tFirst = timedTimes.length ? Math.min(...timedTimes) : 0;
  const tLast = timedTimes.length ? Math.max(...timedTimes) : 0;
  const out: Scored[] = [];
  // Stage 1 scans the launch time coarsely (4 s) for every candidate; stage 2 refines the best few.
  const consider = (shape: Shape, latDeg: number, lonDeg: number, psi: number, t0?: number): void => {
    const tr = transplant(
      shape,
      enuFrame({ latDeg: degrees(latDeg), lonDeg: degrees(lonDeg), altM: meters(c[0] as number) }),
      psi,
    );
    const flightS = tr.tS[tr.n - 1] as number;
    const costAt = (t: number): number => scoreOf(models, tr, t);
    let best = { t: t0 ?? 0, cost: Infinity };
    if (timedTimes.length === 0) best = { t: 0, cost: costAt(0) };
    else {
      const lo = t0 !== undefined ? t0 - 20 : tLast - flightS - 5;
      const hi = t0 !== undefined ? t0 + 20 : tFirst;
      for (let t = lo; t <= hi; t += 4) {
        const v = costAt(t);
        if (v < best.cost) best = { t, cost: v };
      }
    }
    out.push({
      latDeg,
      lonDeg,
      azimuthRad: psi,
      kickRad: shape.kickRad,
      launchTimeS: best.t,
      cost: best.cost,
      shape,
      tr,
    });
  };

  const launch = observations.find((o) => o.kind === 'launch');
  const impact = observations.find((o) => o.kind === 'impact');
  const trackPoints = pointsOfTrack(observations, problem.epochMs);
  for (const shape of shapes) {
    const last = shape.tr.n - 1;
    const endA = shape.enuPos[3 * last + 1] as number; // downrange (north) of the shape
    const endC = shape.enuPos[3 * last] as number; // cross-range (east)
    const bend = Math.atan2(endC, endA);
    if (launch?.kind === 'launch' && impact?.kind === 'impact') {
      const az =
        geodesicInverse(launch.latDeg, launch.lonDeg, impact.latDeg, impact.lonDeg).azimuth1Deg * RAD;
      consider(shape, launch.latDeg, launch.lonDeg, az - bend);
    } else if (launch?.kind === 'launch') {
      for (const a of AZIMUTH_GRID_DEG) consider(shape, launch.latDeg, launch.lonDeg, a * RAD);
    }
    if (impact?.kind === 'impact') {
      const range = Math.hypot(endA, endC);
      for (const b of AZIMUTH_GRID_DEG) {
        const l = geodesicDirect(impact.latDeg, impact.lonDeg, b, range);
        const az = geodesicInverse(l.latDeg, l.lonDeg, impact.latDeg, impact.lonDeg).azimuth1Deg * RAD;
        consider(shape, l.latDeg, l.lonDeg, az - bend);
      }
    }
    const fromTrack = trackPoints ? backProjected(shape, trackPoints) : undefined;
    if (fromTrack)
      consider(shape, fromTrack.latDeg, fromTrack.lonDeg, fromTrack.azimuthRad, fromTrack.launchTimeS);
  }
  out.sort((a, b) => a.cost - b.cost);
  if (timedTimes.length > 0) {
    for (const cand of out.slice(0, 4 * count)) {
      const refined = refineTime(
        (t) => scoreOf(models, cand.tr, t),
        cand.launchTimeS - 4,
        cand.launchTimeS + 4,
      );
      cand.launchTimeS = refined.t;
      cand.cost = refined.cost;
    }
    out.sort((a, b) => a.cost - b.cost);
  }
  // Keep distinct starts (different kick angle or a launch point more than 2 km away).
  const picked: Candidate[] = [];
  for (const cand of out) {
    if (!Number.isFinite(cand.cost)) continue;
    const dup = picked.some(
      (q) =>
        Math.abs(q.kickRad - cand.kickRad) < 1e-9 &&
        geodesicInverse(q.latDeg, q.lonDeg, cand.latDeg, cand.lonDeg).distanceM < 2000,
    );
    if (!dup) {
      const { shape: _s, tr: _t, ...plain } = cand;
      picked.push(plain);
    }
    if (picked.length >= count) break;
  }
  return picked;
}

/** A candidate during the search, with its transplanted flight. */
interface Scored {
  latDeg: number;
  lonDeg: number;
  azimuthRad: number;
  kickRad: number;
  launchTimeS: number;
  cost: number;
  shape: Shape;
  tr: Trajectory;
}

/** Parameter vector of a candidate for a problem whose reference is the candidate's launch point. */
export function candidateVector(problem: FitProblem, cand: Candidate): Float64Array {
  const x = new Float64Array(problem.params.length);
  x[P_NORTH] = 0;
  x[P_EAST] = 0;
  x[P_TIME] = cand.launchTimeS;
  x[P_AZIMUTH] = cand.azimuthRad;
  x[P_KICK] = cand.kickRad;
  problem.params.forEach((s, i) => {
    if (i >= P_LOG_BETA && s.prior) x[i] = s.prior.mean;
  });
  return x;
}

function anchorPoint(obs: readonly Observation[]): { latDeg: number; lonDeg: number } | undefined {
  for (const kind of ['launch', 'impact', 'fix'] as const) {
    const o = obs.find((q) => q.kind === kind);
    if (o && 'latDeg' in o) return { latDeg: o.latDeg, lonDeg: o.lonDeg };
  }
  const r = obs.find((q) => q.kind === 'radar');
  if (r?.kind === 'radar') {
    const p = ecefToGeodetic(
      pointAt(enuFrame(r.site), {
        azRad: (r.azDeg * RAD) as never,
        elRad: (r.elDeg * RAD) as never,
        rangeM: r.rangeM as never,
      }),
    );
    return { latDeg: p.latDeg, lonDeg: p.lonDeg };
  }
  return undefined;
}

function shapeFor(
  problem: FitProblem,
  c: Float64Array,
  anchor: { latDeg: number; lonDeg: number },
  kickRad: number,
): Shape {
  const x = candidateVector(problem, {
    latDeg: 0,
    lonDeg: 0,
    azimuthRad: 0,
    kickRad,
    launchTimeS: 0,
    cost: 0,
  });
  const flight = {
    ...flightOf(problem, x, c),
    launchLatRad: anchor.latDeg * RAD,
    launchLonRad: anchor.lonDeg * RAD,
  };
  const tr = integrateFlight(flight, problem.integration);
  const f = enuFrameRad(flight.launchLatRad, flight.launchLonRad, flight.launchAltM);
  const n = tr.n;
  const enuPos = new Float64Array(3 * n);
  const enuVel = new Float64Array(3 * n);
  const enuAccR = new Float64Array(3 * n);
  const enuAccL = new Float64Array(3 * n);
  const altM = new Float64Array(n);
  const groundM = new Float64Array(n);
  const geo = [0, 0, 0];
  const lat0 = flight.launchLatRad;
  const lon0 = flight.launchLonRad;
  for (let i = 0; i < n; i++) {
    const d = [0, 1, 2].map((j) => (tr.pos[3 * i + j] as number) - (f.originEcef[j] as number));
    rotateInto(f, d, enuPos, i);
    rotateInto(
      f,
      [0, 1, 2].map((j) => tr.vel[3 * i + j] as number),
      enuVel,
      i,
    );
    rotateInto(
      f,
      [0, 1, 2].map((j) => tr.accR[3 * i + j] as number),
      enuAccR,
      i,
    );
    rotateInto(
      f,
      [0, 1, 2].map((j) => tr.accL[3 * i + j] as number),
      enuAccL,
      i,
    );
    ecefToGeodeticRad(tr.pos[3 * i] as number, tr.pos[3 * i + 1] as number, tr.pos[3 * i + 2] as number, geo);
    altM[i] = geo[2] as number;
    // Ground distance on the mean sphere (central angle between the normals): ample for a starting point.
    const cosC =
      Math.sin(lat0) * Math.sin(geo[0] as number) +
      Math.cos(lat0) * Math.cos(geo[0] as number) * Math.cos((geo[1] as number) - lon0);
    groundM[i] = EARTH_MEAN_RADIUS_M * Math.acos(Math.min(1, Math.max(-1, cosC)));
  }
  return { kickRad, tr, enuPos, enuVel, enuAccR, enuAccL, altM, groundM };
}

function rotateInto(f: EnuFrame, d: number[], out: Float64Array, i: number): void {
  const [x, y, z] = d as [number, number, number];
  out[3 * i] = f.east[0] * x + f.east[1] * y + f.east[2] * z;
  out[3 * i + 1] = f.north[0] * x + f.north[1] * y + f.north[2] * z;
  out[3 * i + 2] = f.up[0] * x + f.up[1] * y + f.up[2] * z;
}

/** The shape flown from the origin of `frame` at azimuth psi (rotation about the local vertical). */
function transplant(s: Shape, frame: EnuFrame, psi: number): Trajectory {
  const n = s.tr.n;
  const sp = Math.sin(psi);
  const cp = Math.cos(psi);
  const conv = (src: Float64Array, offset: boolean): Float64Array => {
    const out = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const c = src[3 * i] as number; // east = cross-range for psi = 0
      const a = src[3 * i + 1] as number; // north = downrange
      const u = src[3 * i + 2] as number;
      const e = a * sp + c * cp;
      const nn = a * cp - c * sp;
      for (let j = 0; j < 3; j++) {
        out[3 * i + j] =
          (offset ? (frame.originEcef[j] as number) : 0) +
          e * (frame.east[j] as number) +
          nn * (frame.north[j] as number) +
          u * (frame.up[j] as number);
      }
    }
    return out;
  };
  return {
    n,
    tS: s.tr.tS,
    pos: conv(s.enuPos, true),
    vel: conv(s.enuVel, false),
    accR: conv(s.enuAccR, false),
    accL: conv(s.enuAccL, false),
    impacted: s.tr.impacted,
    burnoutS: s.tr.burnoutS,
  };
}

interface TrackPoints {
  readonly use: readonly { t: number; latDeg: number; lonDeg: number; altM: number }[];
  /** Ground distance of each point from the first. */
  readonly along: readonly number[];
}

/** 3-D points of the track (radar plots converted to positions, fixes), thinned to about 30, or undefined. */
function pointsOfTrack(obs: readonly Observation[], epochMs: number): TrackPoints | undefined {
  const pts: { t: number; latDeg: number; lonDeg: number; altM: number }[] = [];
  for (const o of obs) {
    if (o.kind === 'radar') {
      const p = ecefToGeodetic(
        pointAt(enuFrame(o.site), {
          azRad: (o.azDeg * RAD) as never,
          elRad: (o.elDeg * RAD) as never,
          rangeM: o.rangeM as never,
        }),
      );
      pts.push({ t: (o.t - epochMs) / 1000, latDeg: p.latDeg, lonDeg: p.lonDeg, altM: p.altM });
    } else if (o.kind === 'fix') {
      pts.push({ t: (o.t - epochMs) / 1000, latDeg: o.latDeg, lonDeg: o.lonDeg, altM: o.altM });
    }
  }
  if (pts.length < 3) return undefined;
  pts.sort((a, b) => a.t - b.t);
  const step = Math.max(1, Math.floor(pts.length / 30));
  const use = pts.filter((_, i) => i % step === 0);
  const first = use[0] as (typeof pts)[number];
  const along = use.map((p) => geodesicInverse(first.latDeg, first.lonDeg, p.latDeg, p.lonDeg).distanceM);
  return { use, along };
}

/**
 * Launch point, azimuth and time from 3-D track points: the launch time that best matches the shape's
 * height-time profile and along-track distances, then the launch point back along the track's direction at the
 * shape's ground distance.
 */
function backProjected(
  s: Shape,
  tp: TrackPoints,
): { latDeg: number; lonDeg: number; azimuthRad: number; launchTimeS: number } | undefined {
  const { use, along } = tp;
  const first = use[0] as (typeof use)[number];
  const lastP = use[use.length - 1] as (typeof use)[number];
  const flightS = s.tr.tS[s.tr.n - 1] as number;
  const interp = (arr: Float64Array, t: number): number => {
    const ts = s.tr.tS;
    if (t <= 0) return arr[0] as number;
    if (t >= flightS) return arr[s.tr.n - 1] as number;
    let lo = 0;
    let hi = s.tr.n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((ts[mid] as number) <= t) lo = mid;
      else hi = mid;
    }
    const w = (t - (ts[lo] as number)) / ((ts[hi] as number) - (ts[lo] as number));
    return (arr[lo] as number) * (1 - w) + (arr[hi] as number) * w;
  };
  let best = { t0: 0, cost: Infinity };
  for (let t0 = lastP.t - flightS; t0 <= first.t; t0 += 1) {
    const g1 = interp(s.groundM, first.t - t0);
    let cost = 0;
    use.forEach((p, i) => {
      const tau = p.t - t0;
      const dh = p.altM - interp(s.altM, tau);
      const dg = (along[i] as number) - (interp(s.groundM, tau) - g1);
      cost += dh * dh + dg * dg;
    });
    if (cost < best.cost) best = { t0, cost };
  }
  const track = geodesicInverse(first.latDeg, first.lonDeg, lastP.latDeg, lastP.lonDeg);
  if (track.distanceM < 1000) return undefined;
  const back = geodesicDirect(
    first.latDeg,
    first.lonDeg,
    track.azimuth1Deg + 180,
    interp(s.groundM, first.t - best.t0),
  );
  const az = geodesicInverse(back.latDeg, back.lonDeg, first.latDeg, first.lonDeg).azimuth1Deg * RAD;
  return { latDeg: back.latDeg, lonDeg: back.lonDeg, azimuthRad: az, launchTimeS: best.t0 };
}

function thinned(models: readonly MeasurementModel[], maxTimed: number): MeasurementModel[] {
  const timed = models.filter((m) => m.tS !== undefined);
  const step = Math.max(1, Math.ceil(timed.length / maxTimed));
  let k = 0;
  return models.filter((m) => m.tS === undefined || k++ % step === 0);
}

function scoreOf(models: readonly MeasurementModel[], tr: Trajectory, t0: number): number {
  const buf = new Float64Array(4);
  const ev = { trajectory: tr, launchTimeS: t0 };
  let s = 0;
  const end = tr.tS[tr.n - 1] as number;
  for (const m of models) {
    // A timed row outside the flight cannot be explained by it: a large fixed penalty keeps the scan smooth.
    if (m.tS !== undefined && (m.tS - t0 < 0 || m.tS - t0 > end)) {
      s += 1e4;
      continue;
    }
    m.residuals(ev, buf, 0);
    for (let i = 0; i < m.dim; i++) s += Math.min((buf[i] as number) ** 2, 1e4);
  }
  return s;
}

function refineTime(f: (t: number) => number, a0: number, b0: number): { t: number; cost: number } {
  let a = a0;
  let b = b0;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < 22; i++) {
    if (f1 < f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = f(x2);
    }
  }
  const t = (a + b) / 2;
  return { t, cost: f(t) };
}
