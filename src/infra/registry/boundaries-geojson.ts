import { sql, type Kysely } from 'kysely';
import type { BoundaryCollection } from '../../contract/index.js';
import type { Database } from '../db/schema.js';

/**
 * Imported admin boundaries as one GeoJSON FeatureCollection for the map: one feature per ISO 3166-2 code
 * (from the latest import that has it), each ring simplified with Douglas–Peucker to `toleranceDeg` (default
 * 0.001° ≈ 110 m north–south, 70 m east–west at 50° N) and its coordinates rounded to 1e-5° (≈ 1 m). Rings that
 * collapse below a triangle (islets smaller than the tolerance) are dropped. Display only: spatial joins use
 * the stored geometry.
 */
type Ring = [number, number][];

const round = (x: number): number => Math.round(x * 1e5) / 1e5;

/** Douglas–Peucker on a closed ring (first = last), iterative; lon/lat treated as planar (display only). */
export function simplifyRing(ring: readonly (readonly number[])[], tol: number): Ring | undefined {
  const n = ring.length;
  if (n < 4) return undefined;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // A closed ring has no baseline between its ends: split at the vertex farthest from the first.
  let far = 0;
  let best = -1;
  for (let i = 1; i < n - 1; i++) {
    const d = Math.hypot(ring[i]![0]! - ring[0]![0]!, ring[i]![1]! - ring[0]![1]!);
    if (d > best) [best, far] = [d, i];
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, n - 1],
  ];
  const tol2 = tol * tol;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a] as [number, number];
    const [bx, by] = ring[b] as [number, number];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let idx = -1;
    let max = tol2;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i] as [number, number];
      let d2: number;
      if (len2 === 0) d2 = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      }
      if (d2 > max) [max, idx] = [d2, i];
    }
    if (idx >= 0) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  const out: Ring = [];
  for (let i = 0; i < n; i++)
    if (keep[i]) {
      const p: [number, number] = [round(ring[i]![0]!), round(ring[i]![1]!)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
  return out.length >= 4 ? out : undefined;
}

type Polygon = Ring[];

function simplifyPolygon(
  rings: readonly (readonly (readonly number[])[])[],
  tol: number,
): Polygon | undefined {
  const outer = rings[0] ? simplifyRing(rings[0], tol) : undefined;
  if (!outer) return undefined;
  const holes = rings.slice(1).map((r) => simplifyRing(r, tol));
  return [outer, ...holes.filter((h): h is Ring => h !== undefined)];
}

export function simplifyGeometry(
  g: { type: string; coordinates: unknown },
  tol: number,
): BoundaryCollection['features'][number]['geometry'] | undefined {
  if (g.type === 'Polygon') {
    const p = simplifyPolygon(g.coordinates as number[][][], tol);
    return p ? { type: 'Polygon', coordinates: p } : undefined;
  }
  if (g.type === 'MultiPolygon') {
    const ps = (g.coordinates as number[][][][])
      .map((x) => simplifyPolygon(x, tol))
      .filter((x): x is Polygon => x !== undefined);
    if (ps.length === 0) return undefined;
    return ps.length === 1
      ? { type: 'Polygon', coordinates: ps[0]! }
      : { type: 'MultiPolygon', coordinates: ps };
  }
  return undefined;
}

/** The boundaries answer, cached per process until the table changes (count and source ids). */
export function boundariesGeoJson(db: Kysely<Database>, toleranceDeg = 0.001) {
  let cached: { key: string; value: Promise<BoundaryCollection> } | undefined;
  return async (): Promise<BoundaryCollection> => {
    const fp = await db
      .selectFrom('boundaries')
      .select([
        sql<number | string>`count(*)`.as('n'),
        sql<string | null>`min(source_id)`.as('lo'),
        sql<string | null>`max(source_id)`.as('hi'),
      ])
      .executeTakeFirstOrThrow();
    const key = `${fp.n}:${fp.lo ?? ''}:${fp.hi ?? ''}`;
    if (cached?.key !== key) {
      const value = build(db, toleranceDeg);
      cached = { key, value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}

async function build(db: Kysely<Database>, tol: number): Promise<BoundaryCollection> {
  const rows = await db
    .selectFrom('boundaries as b')
    .innerJoin('sources as s', 's.id', 'b.source_id')
    .select(['b.iso_code', 'b.country', 'b.name', 'b.geometry_json', 's.imported_at'])
    .orderBy('b.iso_code')
    .orderBy('s.imported_at', 'desc')
    .orderBy('b.id')
    .execute();
  const features: BoundaryCollection['features'] = [];
  let last: string | undefined;
  for (const r of rows) {
    if (r.iso_code === last) continue; // the latest import of this code wins
    last = r.iso_code;
    const geometry = simplifyGeometry(
      JSON.parse(r.geometry_json) as { type: string; coordinates: unknown },
      tol,
    );
    if (!geometry) continue;
    features.push({
      type: 'Feature',
      geometry,
      properties: { iso: r.iso_code, name: r.name, country: r.country, level: 'admin1' },
    });
  }
  return { type: 'FeatureCollection', features };
}
