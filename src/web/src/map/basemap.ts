import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

/**
 * The offline basemap: Natural Earth 1:50m countries (public domain, via the world-atlas package), served with
 * the UI itself; no tile server, no glyph server (the style has no text layers), nothing leaves the machine.
 */
export interface Basemap {
  readonly land: FeatureCollection;
  readonly borders: FeatureCollection;
}

let cached: Promise<Basemap> | undefined;

/**
 * The region the UI is about (Europe, the Black Sea, Russia west of the Urals and the Middle East): countries
 * outside it are dropped, which keeps the worker's tiling of the basemap to a fraction of the world's.
 */
export const REGION = { west: -25, south: 25, east: 75, north: 75 };

function bboxOf(coords: unknown, b = { w: Infinity, s: Infinity, e: -Infinity, n: -Infinity }) {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const [x, y] = coords as [number, number];
    b.w = Math.min(b.w, x);
    b.e = Math.max(b.e, x);
    b.s = Math.min(b.s, y);
    b.n = Math.max(b.n, y);
  } else if (Array.isArray(coords)) for (const c of coords) bboxOf(c, b);
  return b;
}

const inRegion = (geometry: unknown): boolean => {
  if (!geometry || typeof geometry !== 'object' || !('coordinates' in geometry)) return false;
  const b = bboxOf((geometry as { coordinates: unknown }).coordinates);
  return b.e >= REGION.west && b.w <= REGION.east && b.n >= REGION.south && b.s <= REGION.north;
};

export function loadBasemap(): Promise<Basemap> {
  cached ??= (async () => {
    const res = await fetch(countriesUrl);
    const topo = (await res.json()) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
    performance.mark('salvo:basemap-fetched');
    const world = feature(topo, topo.objects.countries) as unknown as FeatureCollection;
    const keep = new Set<unknown>();
    const land: FeatureCollection = {
      type: 'FeatureCollection',
      features: world.features.filter((f) => {
        const k = inRegion(f.geometry);
        if (k) keep.add(f.id);
        return k;
      }),
    };
    const borders: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: mesh(
            topo,
            topo.objects.countries,
            (a, b) => a !== b && (keep.has(a.id) || keep.has(b.id)),
          ),
        },
      ],
    };
    performance.mark('salvo:basemap-ready');
    return { land, borders };
  })();
  return cached;
}

export const COLOURS = {
  sea: '#DCE8EF',
  land: '#F7F5EF',
  border: '#8C8C8C',
  admin: '#A7A29A',
  cluster: '#22313F',
  ellipse: '#111827',
  track: '#111827',
};

/** The style: sea, land, country borders, imported admin boundaries. Data layers are added by the map view. */
export function baseStyle(b: Basemap, admin: FeatureCollection | null): StyleSpecification {
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: b.land },
      borders: { type: 'geojson', data: b.borders },
      admin: { type: 'geojson', data: admin ?? { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': COLOURS.sea } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': COLOURS.land } },
      {
        id: 'admin',
        type: 'line',
        source: 'admin',
        paint: { 'line-color': COLOURS.admin, 'line-width': 0.7, 'line-dasharray': [3, 2] },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        paint: { 'line-color': COLOURS.border, 'line-width': 1 },
      },
    ],
  };
}
