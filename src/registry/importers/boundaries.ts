import type { Problem } from '../../kernel/index.js';
import { ISO_NORMALISATION, REGIONS } from '../model/regions.js';
import type { RowMapper } from '../services/run-import.js';

/**
 * Administrative boundaries (GeoJSON, first-level regions) for the map and for spatial joins. The ISO 3166-2
 * code is read from the usual property names (geoBoundaries `shapeISO`, Natural Earth `iso_3166_2`, or
 * `iso`/`ISO`); the country is the code's prefix, never the source's own country field: Natural Earth files
 * Crimea (UA-43) and Sevastopol (UA-40) under Russia, while ISO 3166-2 and UN General Assembly resolution 68/262
 * place them in Ukraine — the source's attribution is kept in the raw properties, with a note.
 */
export const BOUNDARIES_IMPORTER = { name: 'boundaries', version: '1.0.0' } as const;

export interface BoundaryFeature {
  readonly index: number;
  readonly value: unknown;
}

export interface BoundaryDraft {
  readonly id: string;
  readonly isoCode: string;
  readonly country: string;
  readonly name: string;
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
  /** The geometry as GeoJSON text (Polygon or MultiPolygon, WGS84 lon/lat). */
  readonly geometry: string;
  readonly note: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

const ISO_KEYS = ['shapeISO', 'iso_3166_2', 'ISO_3166_2', 'iso', 'ISO', 'iso_code'];
const NAME_KEYS = ['shapeName', 'name', 'NAME', 'name_en'];
const ISO_RE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const knownCountry = new Map(REGIONS.map((r) => [r.iso, r.country]));

function* coordinates(geometry: { type: string; coordinates: unknown }): Generator<[number, number]> {
  const walk = function* (c: unknown, depth: number): Generator<[number, number]> {
    if (!Array.isArray(c)) return;
    if (depth === 0) {
      yield [Number(c[0]), Number(c[1])];
      return;
    }
    for (const x of c) yield* walk(x, depth - 1);
  };
  yield* walk(geometry.coordinates, geometry.type === 'Polygon' ? 2 : 3);
}

export function mapBoundaryFeature(
  f: BoundaryFeature,
  fileTag: string,
): { draft?: BoundaryDraft; problems: Problem[] } {
  const at = (field: string): string => `features[${f.index}].${field}`;
  const problems: Problem[] = [];
  const o = f.value as {
    type?: unknown;
    properties?: Record<string, unknown> | null;
    geometry?: { type: string; coordinates: unknown } | null;
  };
  if (typeof o !== 'object' || o === null || o.type !== 'Feature')
    return { problems: [{ field: `features[${f.index}]`, reason: 'not a GeoJSON Feature' }] };
  const props = o.properties ?? {};
  const isoKey = ISO_KEYS.find((k) => typeof props[k] === 'string' && ISO_RE.test(props[k] as string));
  const isoRaw = isoKey ? (props[isoKey] as string) : undefined;
  if (!isoRaw)
    problems.push({
      field: at('properties'),
      reason: `no ISO 3166-2 code (looked for ${ISO_KEYS.join(', ')}); found ${JSON.stringify(ISO_KEYS.map((k) => props[k]).find((v) => v !== undefined) ?? null)}`,
    });
  const g = o.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
    problems.push({
      field: at('geometry.type'),
      reason: `not a Polygon or MultiPolygon: ${g ? String(g.type) : 'null'}`,
    });
  if (problems.length > 0 || !isoRaw || !g) return { problems };
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of coordinates(g)) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      return {
        problems: [
          { field: at('geometry.coordinates'), reason: `not a WGS84 lon/lat pair: [${lon}, ${lat}]` },
        ],
      };
    }
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  if (minLon === Infinity)
    return { problems: [{ field: at('geometry.coordinates'), reason: 'no coordinates' }] };
  const isoCode = ISO_NORMALISATION[isoRaw] ?? isoRaw;
  const country = isoCode.slice(0, 2);
  const sourceCountry = [props.admin, props.iso_a2, props.shapeGroup].find((v) => typeof v === 'string') as
    string | undefined;
  const notes: string[] = [];
  if (isoCode !== isoRaw) notes.push(`the source's code ${isoRaw} normalised to ${isoCode} (ISO 3166-2)`);
  if (
    (isoCode === 'UA-43' || isoCode === 'UA-40') &&
    sourceCountry &&
    !/^(UA|UKR|Ukraine)$/i.test(sourceCountry)
  )
    notes.push(
      `the source files this region under '${sourceCountry}'; ISO 3166-2 and UN General Assembly resolution 68/262 place it in Ukraine`,
    );
  const nameKey = NAME_KEYS.find((k) => typeof props[k] === 'string');
  return {
    problems,
    draft: {
      id: `bd_${fileTag}_${isoCode}_${f.index}`,
      isoCode,
      country: knownCountry.get(isoCode) ?? country,
      name: nameKey ? (props[nameKey] as string) : isoCode,
      minLon,
      minLat,
      maxLon,
      maxLat,
      geometry: JSON.stringify(g),
      note: notes.join('; '),
      properties: props,
    },
  };
}

export function boundariesMapper(fileTag: string): RowMapper<BoundaryFeature, BoundaryDraft> {
  return {
    kind: 'boundaries',
    importer: BOUNDARIES_IMPORTER,
    lineOf: (r) => r.index,
    start: () => ({ problems: [], consumesFirst: false }),
    map(f) {
      const r = mapBoundaryFeature(f, fileTag);
      return { drafts: r.draft ? [r.draft] : [], problems: r.problems };
    },
    write: (session, sourceId, drafts) => session.writeBoundaries(sourceId, drafts),
  };
}
