import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/db/database.js';
import { runCli, tempDir } from '../helpers/cli.js';

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  t = tempDir();
  db = join(t.dir, 's.db');
});
afterEach(() => t.cleanup());

const square = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 1, lat],
      [lon + 1, lat + 1],
      [lon, lat + 1],
      [lon, lat],
    ],
  ],
});

describe('salvo import boundaries', () => {
  it('joins on ISO 3166-2 and keeps Crimea in Ukraine whatever the source files it under, saying so', async () => {
    const f = join(t.dir, 'ne.geojson');
    writeFileSync(
      f,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { iso_3166_2: 'UA-43', name: 'Crimea', admin: 'Russia' },
            geometry: square(33, 44.5),
          },
          {
            type: 'Feature',
            properties: { iso_3166_2: 'RU-BEL', name: 'Belgorod', admin: 'Russia' },
            geometry: square(36, 50),
          },
          {
            type: 'Feature',
            properties: { shapeISO: 'RU-SEV', shapeName: 'Sevastopol' },
            geometry: square(33.4, 44.5),
          },
        ],
      }),
    );
    const r = await runCli(['--db', db, 'import', 'boundaries', f, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.json()).toMatchObject({ rowsRead: 3, recordsWritten: 3 });
    const store = await openStore(db);
    const rows = store
      .sqlite!.prepare('SELECT iso_code, country, note, min_lon, max_lat FROM boundaries ORDER BY iso_code')
      .all();
    await store.close();
    expect(rows).toEqual([
      { iso_code: 'RU-BEL', country: 'RU', note: '', min_lon: 36, max_lat: 51 },
      {
        iso_code: 'UA-40',
        country: 'UA',
        note: "the source's code RU-SEV normalised to UA-40 (ISO 3166-2)",
        min_lon: 33.4,
        max_lat: 45.5,
      },
      {
        iso_code: 'UA-43',
        country: 'UA',
        note: "the source files this region under 'Russia'; ISO 3166-2 and UN General Assembly resolution 68/262 place it in Ukraine",
        min_lon: 33,
        max_lat: 45.5,
      },
    ]);
  });

  it('names the feature that has no ISO code or no polygon, and stores nothing', async () => {
    const f = join(t.dir, 'bad.geojson');
    writeFileSync(
      f,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { iso_3166_2: 'UA-63' }, geometry: square(36, 49) },
          { type: 'Feature', properties: { iso_3166_2: '-99' }, geometry: square(0, 0) },
          {
            type: 'Feature',
            properties: { iso_3166_2: 'UA-59' },
            geometry: { type: 'Point', coordinates: [34, 51] },
          },
        ],
      }),
    );
    const r = await runCli(['--db', db, 'import', 'boundaries', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.geojson: features\[1\]\.properties: no ISO 3166-2 code/);
    expect(r.err).toMatch(/features\[2\]\.geometry\.type: not a Polygon or MultiPolygon: Point/);
    expect((await runCli(['--db', db, 'sources', '--json'])).json()).toEqual({ sources: [] });
    const notFc = join(t.dir, 'x.geojson');
    writeFileSync(notFc, JSON.stringify({ type: 'Feature' }));
    expect((await runCli(['--db', db, 'import', 'boundaries', notFc])).err).toMatch(
      /not a GeoJSON FeatureCollection/,
    );
  });
});
