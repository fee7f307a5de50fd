import { OUTCOME_VALUES, type Incident } from '../../../contract/index.js';

export type Outcome = (typeof OUTCOME_VALUES)[number];
export const OUTCOMES: readonly Outcome[] = OUTCOME_VALUES;

/**
 * Incidents as columns, sorted by time: the shape the map, the timeline and the list share. A time window is a
 * contiguous index range (binary search), so brushing 100,000 incidents costs two searches, not a scan.
 * Missing coordinates are NaN.
 */
export interface PointSet {
  readonly n: number;
  readonly id: readonly string[];
  readonly t: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly precisionM: Float64Array;
  /** Index into OUTCOMES. */
  readonly outcome: Uint8Array;
  /** Index into `types`, -1 when not identified. */
  readonly type: Int16Array;
  readonly types: readonly string[];
  readonly launchLon: Float64Array;
  readonly launchLat: Float64Array;
  readonly region: readonly (string | null)[];
  /** True when the server capped the answer. */
  readonly truncated: boolean;
}

const nan = (x: number | null | undefined): number => (x === null || x === undefined ? NaN : x);

/** Incidents as parallel arrays (the shape of `GET /api/incidents/points`, request 1). */
export interface Columns {
  id: string[];
  t: number[];
  lon: (number | null)[];
  lat: (number | null)[];
  precisionM: (number | null)[];
  outcome: string[];
  type: (string | null)[];
  launchLon?: (number | null)[];
  launchLat?: (number | null)[];
  targetRegion?: (string | null)[];
  truncated?: boolean;
}

export function pointSetOf(c: Columns): PointSet {
  const n = c.id.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => c.t[a]! - c.t[b]! || (c.id[a]! < c.id[b]! ? -1 : 1));
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const ps = {
    n,
    id: new Array<string>(n),
    t: new Float64Array(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    precisionM: new Float64Array(n),
    outcome: new Uint8Array(n),
    type: new Int16Array(n),
    types,
    launchLon: new Float64Array(n),
    launchLat: new Float64Array(n),
    region: new Array<string | null>(n),
    truncated: Boolean(c.truncated),
  };
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    ps.id[k] = c.id[i]!;
    ps.t[k] = c.t[i]!;
    ps.lon[k] = nan(c.lon[i]);
    ps.lat[k] = nan(c.lat[i]);
    ps.precisionM[k] = nan(c.precisionM[i]);
    const o = OUTCOMES.indexOf(c.outcome[i] as Outcome);
    ps.outcome[k] = o < 0 ? OUTCOMES.indexOf('unknown') : o;
    const ty = c.type[i];
    if (ty === null || ty === undefined) ps.type[k] = -1;
    else {
      let j = typeIndex.get(ty);
      if (j === undefined) {
        j = types.length;
        types.push(ty);
        typeIndex.set(ty, j);
      }
      ps.type[k] = j;
    }
    ps.launchLon[k] = nan(c.launchLon?.[i]);
    ps.launchLat[k] = nan(c.launchLat?.[i]);
    ps.region[k] = c.targetRegion?.[i] ?? null;
  }
  return ps;
}

/** From pages of `GET /api/incidents` (the fallback while the bulk endpoint is missing). */
export function fromIncidents(items: readonly Incident[], truncated = false): PointSet {
  return pointSetOf({
    id: items.map((x) => x.id),
    t: items.map((x) => Date.parse(x.occurredAt)),
    lon: items.map((x) => x.lon),
    lat: items.map((x) => x.lat),
    precisionM: items.map((x) => x.locationPrecisionM),
    outcome: items.map((x) => x.outcome),
    type: items.map((x) => x.identifiedType),
    launchLon: items.map((x) => x.launchLon),
    launchLat: items.map((x) => x.launchLat),
    targetRegion: items.map((x) => x.targetRegion),
    truncated,
  });
}

/** First index with t >= x. */
export function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface TimeWindow {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

/** Index range [start, end) of the incidents inside `w` (all when `w` is null). */
export function rangeOf(ps: PointSet, w: TimeWindow | null): readonly [number, number] {
  if (!w) return [0, ps.n];
  return [lowerBound(ps.t, w.from), lowerBound(ps.t, w.to)];
}

export const extentOf = (ps: PointSet): TimeWindow | null =>
  ps.n === 0 ? null : { from: ps.t[0]!, to: ps.t[ps.n - 1]! + 1 };
