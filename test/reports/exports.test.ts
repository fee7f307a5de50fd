import { kml as kmlToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRecords } from '../../src/infra/reports/export-source.js';
import {
  CSV_COLUMNS,
  exportCsv,
  exportGeoJson,
  exportKml,
  type ExportRecord,
} from '../../src/reports/index.js';
import { buildFixture, KHK, POL, type Fixture } from './fixture.js';

let fx: Fixture;
let records: ExportRecord[];
beforeAll(async () => {
  fx = await buildFixture();
  records = await exportRecords(fx.store.db, {});
});
afterAll(async () => {
  await fx.cleanup();
});

type Props = Record<string, unknown>;

describe('exports (issue 8)', () => {
  it('GeoJSON: each incident a feature with properties.id, precision, outcome, type and times; ellipses and tracks', () => {
    const fc = JSON.parse(JSON.stringify(exportGeoJson(records))) as {
      type: string;
      features: { geometry: { type: string; coordinates: unknown } | null; properties: Props }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    const incidents = fc.features.filter((f) => f.properties['kind'] === 'incident');
    expect(incidents.map((f) => f.properties['id'])).toEqual([POL, KHK]);
    expect(incidents[0]!.properties).toMatchObject({
      id: POL,
      precisionM: 20000,
      outcome: 'impact',
      type: 'hwasong-11ga',
      occurredAt: '2024-01-23T03:20:00.000Z',
      occurredAtRaw: '2024-01-23T05:20:00+02:00',
    });
    expect(incidents[0]!.geometry).toEqual({ type: 'Point', coordinates: [34.55, 49.59] });
    const kinds = fc.features
      .filter((f) => f.properties['incident'] === POL)
      .map((f) => f.properties['kind']);
    expect(kinds).toEqual([
      'launch',
      'launch-ellipse95',
      'impact',
      'impact-ellipse95',
      'ground-track',
      'observed-track',
    ]);
    const ellipse = fc.features.find((f) => f.properties['kind'] === 'launch-ellipse95')!;
    const ring = (ellipse.geometry!.coordinates as number[][][])[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length).toBe(73);
    const observed = fc.features.find((f) => f.properties['kind'] === 'observed-track')!;
    const coords = observed.geometry!.coordinates as number[][];
    expect(coords.every((c) => c.length === 3 && c[0]! > 30 && c[0]! < 40 && c[1]! > 45 && c[1]! < 55)).toBe(
      true,
    );
    expect(Math.max(...coords.map((c) => c[2]!))).toBeGreaterThan(35_000);
  });

  it('KML round-trips through @tmcw/togeojson with the incident attributes', () => {
    const xml = exportKml(records);
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const gj = kmlToGeoJson(doc);
    const byName = (n: string) => gj.features.find((f) => f.properties?.['name'] === n)!;
    const pol = byName(POL);
    expect(pol.geometry).toMatchObject({ type: 'Point', coordinates: [34.55, 49.59] });
    expect(pol.properties).toMatchObject({
      id: POL,
      outcome: 'impact',
      type: 'hwasong-11ga',
      precisionM: '20000',
      occurredAt: '2024-01-23T03:20:00.000Z',
    });
    expect(byName(KHK).properties).toMatchObject({ id: KHK, outcome: 'airburst', type: 's-300' });
    expect(byName(`${POL} launch 95 % ellipse`).geometry?.type).toBe('Polygon');
    expect(byName(`${POL} impact 95 % ellipse`).geometry?.type).toBe('Polygon');
    expect(byName(`${POL} ground track`).geometry?.type).toBe('LineString');
    const observed = byName(`${POL} observed track`).geometry as { type: string; coordinates: number[][] };
    expect(observed.coordinates[0]).toHaveLength(3);
    // the same numbers as the GeoJSON export
    const fc = exportGeoJson(records);
    const e1 = fc.features.find((f) => f.properties['kind'] === 'launch-ellipse95')!.geometry as {
      coordinates: number[][][];
    };
    expect(
      (byName(`${POL} launch 95 % ellipse`).geometry as { coordinates: number[][][] }).coordinates[0]![5],
    ).toEqual(e1.coordinates[0]![5]);
  });

  it('CSV: one row per incident, RFC 4180 quoting, formula cells neutralised', () => {
    const text = exportCsv(records);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    const row = lines[1]!.split(',');
    const col = (c: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(c)];
    expect(col('id')).toBe(POL);
    expect(col('precision_m')).toBe('20000');
    expect(col('type')).toBe('hwasong-11ga');
    expect(Number(col('launch_lat'))).toBeCloseTo(51.45, 2);
    expect(col('reconstruction_run')).toBe('run_fixture_rec');
    const evil = exportCsv([
      { ...records[1]!, incident: { ...records[1]!.incident, modelClaimedRaw: '=HYPERLINK("x")' } },
    ]);
    expect(evil).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('filters: period, model (label or alias), region, bbox', async () => {
    const ids = async (f: Parameters<typeof exportRecords>[1]) =>
      (await exportRecords(fx.store.db, f)).map((r) => r.incident.id);
    expect(await ids({ from: '2024-02-01T00:00:00.000Z' })).toEqual([KHK]);
    expect(await ids({ to: '2024-02-01T00:00:00.000Z' })).toEqual([POL]);
    expect(await ids({ region: 'ua-63' })).toEqual([KHK]);
    expect(await ids({ bbox: { west: 34, south: 49, east: 35, north: 50 } })).toEqual([POL]);
    expect(await ids({ model: 'KN-23' })).toEqual([POL]);
    expect(await ids({ model: 'S-300' })).toEqual([KHK]);
  });
});
