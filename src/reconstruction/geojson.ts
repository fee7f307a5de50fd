import { ecefToGeodetic, enuFrame, geodesicDirect, pointAt } from '../geodesy/index.js';
import { ecef, toIso, utcInstant } from '../kernel/index.js';
import type { Ellipse } from './ellipse.js';
import type { PointEstimate } from './estimates.js';
import type { Observation } from './observation.js';
import type { ReconstructionDetails } from './reconstruct.js';

/** Minimal GeoJSON types (RFC 7946) for what this module writes. */
export type Position = [number, number] | [number, number, number];
export type Geometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: Position[][] };
export interface Feature {
  readonly type: 'Feature';
  readonly geometry: Geometry;
  readonly properties: Record<string, string | number | boolean | null | readonly number[]>;
}
export interface FeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: Feature[];
}

const RAD = Math.PI / 180;

/**
 * The polygon of an ellipse (semi-axes in metres, orientation = azimuth of the major axis) around a point, with
 * `vertices` vertices placed by the geodesic direct problem (exact on WGS84), closed (first = last), lon/lat order.
 */
export function ellipsePolygon(latDeg: number, lonDeg: number, e: Ellipse, vertices = 72): Position[] {
  const phi = e.orientationDeg * RAD;
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const t = (2 * Math.PI * i) / vertices;
    const east = e.semiMajorM * Math.cos(t) * Math.sin(phi) + e.semiMinorM * Math.sin(t) * Math.cos(phi);
    const north = e.semiMajorM * Math.cos(t) * Math.cos(phi) - e.semiMinorM * Math.sin(t) * Math.sin(phi);
    const d = geodesicDirect(latDeg, lonDeg, Math.atan2(east, north) / RAD, Math.hypot(east, north));
    ring.push([d.lonDeg, d.latDeg]);
  }
  ring.push(ring[0] as Position);
  return ring;
}

/**
 * GeoJSON of a reconstruction (issue 3 `--geojson`): the fitted trajectory as a 3-D LineString (lon, lat, height
 * above the ellipsoid in metres, one vertex per integration node, with `timesS`: each vertex's time after launch
 * in seconds, to the millisecond), the launch and impact points and their 95 %
 * ellipses as polygons, the launch point's sampled 95 % highest-density region when the posterior is not Gaussian
 * (`launch-hdr95`), the breakup point when detected, and the observations (radar plots at their measured
 * 3-D positions, sightings at the observer with the look angles as properties, points at their coordinates).
 */
export function reconstructionGeoJson(
  d: ReconstructionDetails,
  observations: readonly Observation[],
): FeatureCollection {
  const tr = d.fit.trajectory;
  const epoch = d.fit.problem.epochMs;
  const coords: Position[] = [];
  const timesS: number[] = [];
  for (let i = 0; i < tr.n; i++) {
    timesS.push(Math.round((tr.tS[i] as number) * 1000) / 1000);
    const g = ecefToGeodetic(
      ecef(tr.pos[3 * i] as number, tr.pos[3 * i + 1] as number, tr.pos[3 * i + 2] as number),
    );
    coords.push([g.lonDeg, g.latDeg, g.altM]);
  }
  const features: Feature[] = [
    {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: coords },
      properties: {
        kind: 'trajectory',
        launchTime: d.result.launch.time,
        timesS,
        breakupDetected: d.result.breakup.detected,
      },
    },
  ];
  const point = (name: string, p: PointEstimate): void => {
    const time = toIso(utcInstant(Math.round(epoch + p.timeS * 1000)));
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lonDeg, p.latDeg] },
      properties: { kind: name, time, timeSigmaS: p.timeSigmaS },
    });
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ellipsePolygon(p.latDeg, p.lonDeg, p.ellipse95)] },
      properties: {
        kind: `${name}-ellipse95`,
        semiMajorM: p.ellipse95.semiMajorM,
        semiMinorM: p.ellipse95.semiMinorM,
        orientationDeg: p.ellipse95.orientationDeg,
      },
    });
  };
  point('launch', d.launch);
  const hdr = d.posterior?.hdr;
  if (hdr) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [hdr.polygon.map((q): Position => [q[0], q[1]])] },
      properties: {
        kind: 'launch-hdr95',
        probability: hdr.probability,
        areaM2: hdr.areaM2,
        ellipseMass: hdr.ellipseMass,
        nonlinearity: d.posterior?.nonlinearity ?? null,
        ess: hdr.ess,
        samples: hdr.samples,
      },
    });
  }
  if (d.nominalImpact) point(d.result.breakup.detected ? 'nominal-impact' : 'impact', d.nominalImpact);
  const b = d.result.breakup;
  if (b.detected && b.lat !== null && b.lon !== null) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [b.lon, b.lat, b.altM ?? 0] },
      properties: { kind: 'breakup', time: b.time, pValue: b.pValue },
    });
  }
  for (const o of observations) features.push(observationFeature(o));
  return { type: 'FeatureCollection', features };
}

function observationFeature(o: Observation): Feature {
  const base = { kind: `observation-${o.kind}`, line: o.line, time: o.t === undefined ? null : toIso(o.t) };
  switch (o.kind) {
    case 'radar': {
      const g = ecefToGeodetic(
        pointAt(enuFrame(o.site), {
          azRad: (o.azDeg * RAD) as never,
          elRad: (o.elDeg * RAD) as never,
          rangeM: o.rangeM as never,
        }),
      );
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [g.lonDeg, g.latDeg, g.altM] },
        properties: { ...base, siteLat: o.site.latDeg, siteLon: o.site.lonDeg, rangeM: o.rangeM },
      };
    }
    case 'sighting':
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [o.site.lonDeg, o.site.latDeg, o.site.altM] },
        properties: { ...base, azDeg: o.azDeg, elDeg: o.elDeg, sigmaAngleDeg: o.sigmaAngleDeg },
      };
    default:
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [o.lonDeg, o.latDeg, o.altM ?? 0] },
        properties: { ...base, sigmaHM: o.sigmaHM },
      };
  }
}
