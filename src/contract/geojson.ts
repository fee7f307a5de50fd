import { z } from 'zod';

/** GeoJSON (RFC 7946) as far as the API writes it: lon, lat[, height m] positions in WGS84. */
const Position = z.array(z.number()).min(2).max(3);

export const GeoJsonGeometry = z
  .union([
    z.object({ type: z.literal('Point'), coordinates: Position }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
  ])
  .meta({ id: 'GeoJsonGeometry' });

export const GeoJsonFeature = z
  .object({
    type: z.literal('Feature'),
    geometry: GeoJsonGeometry,
    properties: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'GeoJsonFeature' });

export const GeoJsonFeatureCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(GeoJsonFeature) })
  .meta({ id: 'GeoJsonFeatureCollection' });
export type GeoJsonFeatureCollection = z.infer<typeof GeoJsonFeatureCollection>;

/** Imported administrative boundaries, simplified for display. */
export const BoundaryCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: GeoJsonGeometry,
        properties: z.object({
          iso: z.string().meta({ description: 'ISO 3166-2 code, e.g. UA-63.' }),
          name: z.string(),
          country: z.string(),
          level: z.literal('admin1'),
        }),
      }),
    ),
  })
  .meta({
    id: 'BoundaryCollection',
    description:
      'First-level regions from `salvo import boundaries`, one per ISO 3166-2 code (the latest import), simplified to about 100 m for display; empty when none were imported.',
  });
export type BoundaryCollection = z.infer<typeof BoundaryCollection>;
