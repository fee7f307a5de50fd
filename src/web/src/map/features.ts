import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { PointSet } from '../data/points.js';
import { arc, pxPerMetreZ0 } from './geometry.js';

export interface PointProps {
  /** Index in the PointSet. */
  i: number;
  /** Outcome index. */
  o: number;
  /** Type index (-1 = not identified). */
  y: number;
  /** Radius in pixels at zoom 0 of the location-precision disc; -1 when the precision is unknown. */
  r: number;
  /** 1 for the newest strikes during playback (absent otherwise: one property less per feature to copy). */
  h?: number;
}

/** Incidents [start, end) with coordinates, as GeoJSON points (one allocation per feature, no copies). */
export function pointFeatures(
  ps: PointSet,
  start: number,
  end: number,
  highlightFrom: number = Infinity,
): FeatureCollection<Point, PointProps> {
  const features: Feature<Point, PointProps>[] = [];
  for (let i = start; i < end; i++) {
    const lon = ps.lon[i]!;
    const lat = ps.lat[i]!;
    if (Number.isNaN(lon) || Number.isNaN(lat)) continue;
    const p = ps.precisionM[i]!;
    features.push({
      type: 'Feature',
      id: i,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: {
        i,
        o: ps.outcome[i]!,
        y: ps.type[i]!,
        r: Number.isNaN(p) ? -1 : p * pxPerMetreZ0(lat),
        ...(highlightFrom !== Infinity && ps.t[i]! >= highlightFrom ? { h: 1 } : {}),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Beyond this many, arcs are not drawn (the map says so); narrow the timeline to see them. */
export const MAX_ARCS = 5_000;

/** Launch-to-impact arcs of the incidents [start, end) whose launch point is known. */
export function arcFeatures(
  ps: PointSet,
  start: number,
  end: number,
): { fc: FeatureCollection<LineString, { o: number; y: number }>; total: number } {
  const features: Feature<LineString, { o: number; y: number }>[] = [];
  let total = 0;
  for (let i = start; i < end; i++) {
    const lo0 = ps.launchLon[i]!;
    const la0 = ps.launchLat[i]!;
    const lo1 = ps.lon[i]!;
    const la1 = ps.lat[i]!;
    if ([lo0, la0, lo1, la1].some(Number.isNaN)) continue;
    total++;
    if (features.length < MAX_ARCS)
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: arc(lo0, la0, lo1, la1) },
        properties: { o: ps.outcome[i]!, y: ps.type[i]! },
      });
  }
  return { fc: { type: 'FeatureCollection', features: total > MAX_ARCS ? [] : features }, total };
}

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
