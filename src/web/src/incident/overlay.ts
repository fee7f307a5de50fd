import type { Feature, FeatureCollection } from 'geojson';
import type { Incident } from '../../../contract/index.js';
import type { GeoJsonFeatureCollection as ServerFc, ReconstructionResult } from '../../../contract/index.js';
import { ellipseRing, radiiOfCurvature } from '../map/geometry.js';

/**
 * What the incident map draws: the server's reconstruction GeoJSON when there is one (exact geodesic ellipses,
 * the fitted trajectory), else ellipses computed here from the stored result and a straight launch-impact
 * ground line (`approx: true`), else just the incident point.
 */
export function overlayOf(
  incident: Incident,
  recon: ReconstructionResult | null,
  geojson: ServerFc | null,
): FeatureCollection {
  const features: Feature[] = [];
  if (geojson) {
    for (const f of geojson.features) {
      const kind = String(f.properties?.kind ?? '');
      if (kind.startsWith('observation')) continue; // radar plots are many and not what a reader looks for
      features.push(f as unknown as Feature);
    }
  } else if (recon) {
    const add = (kind: string, p: ReconstructionResult['launch']) => {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { kind, time: p.time },
      });
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ellipseRing(p.lat, p.lon, p.ellipse95)] },
        properties: { kind: `${kind}-ellipse95`, ...p.ellipse95, computedInBrowser: true },
      });
    };
    add('launch', recon.launch);
    if (recon.impact) {
      add('impact', recon.impact);
      features.push({
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [recon.launch.lon, recon.launch.lat],
            [recon.impact.lon, recon.impact.lat],
          ],
        },
        properties: { kind: 'ground-line', approx: true },
      });
    }
  }
  if (incident.lat !== null && incident.lon !== null)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [incident.lon, incident.lat] },
      properties: { kind: 'incident' },
    });
  return { type: 'FeatureCollection', features };
}

/** The trajectory LineString of a reconstruction GeoJSON, if any: [lon, lat, altM] vertices and optional times. */
export function trajectoryOf(fc: ServerFc | null): { coords: number[][]; timesS: number[] | null } | null {
  const f = fc?.features.find((x) => x.properties?.kind === 'trajectory' && x.geometry.type === 'LineString');
  if (!f || f.geometry.type !== 'LineString') return null;
  const times = f.properties?.timesS;
  return {
    coords: f.geometry.coordinates,
    timesS: Array.isArray(times) && times.every((x) => typeof x === 'number') ? (times as number[]) : null,
  };
}

/**
 * What the incident map should frame: the analysis features and the incident with its precision radius (so a
 * 20 km "somewhere in this town" shows as the town, not as a dot at street level).
 */
export type Focus = 'all' | 'launch-ellipse95' | 'impact-ellipse95' | 'incident';

export function frameOf(
  incident: Incident,
  overlay: FeatureCollection,
  focus: Focus = 'all',
): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const add = (x: number, y: number) => {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  };
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') add(c[0], c[1] as number);
    else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of overlay.features) {
    const kind = f.properties?.kind;
    if (kind === 'incident' || !('coordinates' in f.geometry)) continue;
    if (focus === 'all' || kind === focus) visit(f.geometry.coordinates);
  }
  if ((focus === 'all' || focus === 'incident') && incident.lat !== null && incident.lon !== null) {
    const r = incident.locationPrecisionM ?? 0;
    const { m, n: nu } = radiiOfCurvature(incident.lat);
    const dLat = (r / m) * (180 / Math.PI);
    const dLon = (r / (nu * Math.cos((incident.lat * Math.PI) / 180))) * (180 / Math.PI);
    add(incident.lon - dLon, incident.lat - dLat);
    add(incident.lon + dLon, incident.lat + dLat);
  }
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** Which ellipses the overlay has (the map offers to zoom to each: at 100 m they are invisible at country scale). */
export const ellipsesOf = (overlay: FeatureCollection): Focus[] =>
  (['launch-ellipse95', 'impact-ellipse95'] as const).filter((k) =>
    overlay.features.some((f) => f.properties?.kind === k),
  );
