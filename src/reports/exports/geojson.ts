import { geodesicDirect, geodesicInverse } from '../../geodesy/index.js';
import {
  ellipsePolygon,
  type Feature,
  type FeatureCollection,
  type Position,
} from '../../reconstruction/index.js';
import type { PointFacts, ReconstructionFacts } from '../model.js';
import { typeOf, type ExportRecord } from './model.js';

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Vertices of the geodesic between two points (lon, lat). */
export function geodesicPath(
  a: readonly [number, number],
  b: readonly [number, number],
  steps = 32,
): Position[] {
  const inv = geodesicInverse(a[1], a[0], b[1], b[0]);
  const out: Position[] = [];
  for (let i = 0; i <= steps; i++) {
    const d = geodesicDirect(a[1], a[0], inv.azimuth1Deg, (inv.distanceM * i) / steps);
    out.push([r6(d.lonDeg), r6(d.latDeg)]);
  }
  return out;
}

/** The incident's attributes, shared by GeoJSON properties, KML ExtendedData and CSV columns. */
export function incidentProperties(rec: ExportRecord): Record<string, string | number | boolean | null> {
  const i = rec.incident;
  return {
    id: i.id,
    kind: 'incident',
    occurredAt: i.occurredAt,
    occurredAtRaw: i.occurredAtRaw,
    precisionM: i.location?.precisionM ?? null,
    outcome: i.outcome,
    type: typeOf(i),
    modelReported: i.modelClaimedRaw,
    targetRegion: i.targetRegion.iso,
    launchRegion: i.launchRegion.iso,
    killed: i.killed,
    injured: i.injured,
    debrisRecovered: i.debrisRecovered,
    sourceUrl: i.sourceUrl || null,
    reconstructionRun: rec.reconstruction?.runId ?? null,
  };
}

function pointFeatures(incident: string, runId: string, name: string, p: PointFacts): Feature[] {
  return [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r6(p.lon), r6(p.lat)] },
      properties: { incident, run: runId, kind: name, time: p.time, timeSigmaS: p.timeSigmaS },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          ellipsePolygon(p.lat, p.lon, p.ellipse95, 72).map((c) => [r6(c[0]), r6(c[1])] as Position),
        ],
      },
      properties: {
        incident,
        run: runId,
        kind: `${name}-ellipse95`,
        semiMajorM: p.ellipse95.semiMajorM,
        semiMinorM: p.ellipse95.semiMinorM,
        orientationDeg: p.ellipse95.orientationDeg,
        crlbSemiMajorM: p.crlb95.semiMajorM,
        crlbSemiMinorM: p.crlb95.semiMinorM,
      },
    },
  ];
}

/** The features of a stored reconstruction: launch and impact with ellipses, ground track, observed track. */
export function reconstructionFeatures(incident: string, r: ReconstructionFacts): Feature[] {
  const out = pointFeatures(incident, r.runId, 'launch', r.launch);
  if (r.impact) out.push(...pointFeatures(incident, r.runId, 'impact', r.impact));
  const end: [number, number] | null = r.impact
    ? [r.impact.lon, r.impact.lat]
    : r.breakup.lon !== null && r.breakup.lat !== null
      ? [r.breakup.lon, r.breakup.lat]
      : null;
  if (r.breakup.detected && r.breakup.lat !== null && r.breakup.lon !== null)
    out.push({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [r6(r.breakup.lon), r6(r.breakup.lat), Math.round(r.breakup.altM ?? 0)],
      },
      properties: { incident, run: r.runId, kind: 'breakup', time: r.breakup.time, pValue: r.breakup.pValue },
    });
  if (end)
    out.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: geodesicPath([r.launch.lon, r.launch.lat], end) },
      properties: {
        incident,
        run: r.runId,
        kind: 'ground-track',
        note: 'geodesic between the launch and end estimates (not the fitted trajectory)',
        launchTime: r.launch.time,
        apogeeM: r.profile.apogeeM,
        groundRangeM: r.profile.groundRangeM,
        flightTimeS: r.profile.flightTimeS,
      },
    });
  const track = r.observed.filter((o) => o.altM !== null);
  if (track.length >= 2)
    out.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: track.map((o) => [o.lon, o.lat, o.altM!] as Position) },
      properties: {
        incident,
        run: r.runId,
        kind: 'observed-track',
        points: track.length,
        first: track[0]!.t,
        last: track[track.length - 1]!.t,
      },
    });
  return out;
}

/**
 * GeoJSON (RFC 7946, lon/lat WGS84) of incidents and their stored reconstructions. Each incident is a Point
 * feature with `properties.id` = the incident id (and its precision, outcome, type and times); reconstruction
 * features carry `properties.incident` and `properties.kind`. Incidents without a location have a null
 * geometry (allowed by RFC 7946) so that none is silently dropped.
 */
export function exportGeoJson(records: readonly ExportRecord[]): FeatureCollection {
  const features: Feature[] = [];
  for (const rec of records) {
    const loc = rec.incident.location;
    features.push({
      type: 'Feature',
      geometry: (loc
        ? { type: 'Point', coordinates: [r6(loc.lon), r6(loc.lat)] }
        : null) as Feature['geometry'],
      properties: incidentProperties(rec),
    });
    if (rec.reconstruction) features.push(...reconstructionFeatures(rec.incident.id, rec.reconstruction));
  }
  return { type: 'FeatureCollection', features };
}
