import { sql, type Kysely } from 'kysely';
import type { Store } from '../src/infra/db/database.js';
import { createPostgresSpatialIndex } from '../src/infra/db/migrations/0008_spatial.js';

/**
 * Bulk-loads `n` synthetic incidents for the bbox + time benchmark: points spread over Ukraine and western
 * Russia (lon 22-45, lat 44-53) and two years (2023-2024), with a seeded generator so both engines get the
 * same rows. SQLite: one prepared statement in one transaction (the R*Tree is filled by its trigger);
 * PostgreSQL: generated server-side, with the GiST index rebuilt after the load (a sorted build), as a bulk
 * importer would.
 */
export async function seedIncidents(store: Store, n: number): Promise<void> {
  await store.db
    .insertInto('sources')
    .values({
      id: 'src_bench',
      kind: 'incidents',
      file_name: 'bench',
      sha256: 'b'.repeat(64),
      size_bytes: 0,
      importer: 'bench',
      importer_version: '1',
      imported_at: new Date().toISOString(),
      rows_read: n,
      rows_imported: n,
      rows_rejected: 0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const t0 = Date.UTC(2023, 0, 1);
  const span = 730 * 86_400_000;
  if (store.sqlite) {
    const h = store.sqlite;
    const ins =
      h.prepare(`INSERT INTO incidents (id, source_id, source_line, occurred_at_utc, occurred_at_raw, lat, lon,
      location_precision_m, target_region_iso, target_region_raw, launch_region_iso, launch_region_raw, model_claimed_raw,
      outcome, source_url, notes, content_sha256) VALUES (?, 'src_bench', ?, ?, '', ?, ?, 1000, 'UA-63', '', 'RU-BEL', '', '',
      'impact', '', '', '')`);
    let s = 12345;
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    const batch = h.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const t = new Date(t0 + Math.floor(rnd() * span)).toISOString();
        ins.run(`BENCH-${i}`, i, t, 44 + rnd() * 9, 22 + rnd() * 23);
      }
    });
    for (let i = 0; i < n; i += 50_000) batch(i, Math.min(n, i + 50_000));
    h.exec('ANALYZE');
    return;
  }
  await sql`DROP INDEX IF EXISTS incidents_point`.execute(store.db);
  for (let i = 0; i < n; i += 250_000) {
    const to = Math.min(n, i + 250_000);
    await sql`INSERT INTO incidents (id, source_id, source_line, occurred_at_utc, occurred_at_raw, lat, lon,
      location_precision_m, target_region_iso, target_region_raw, launch_region_iso, launch_region_raw, model_claimed_raw,
      outcome, source_url, notes, content_sha256)
      SELECT 'BENCH-' || g, 'src_bench', g,
        to_char((timestamp '2023-01-01' + (random() * 730) * interval '1 day'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        '', 44 + random() * 9, 22 + random() * 23, 1000, 'UA-63', '', 'RU-BEL', '', '', 'impact', '', '', ''
      FROM generate_series(${i}::int, ${to - 1}::int) AS g`.execute(store.db);
  }
  await createPostgresSpatialIndex(store.db as unknown as Kysely<unknown>);
  await sql`ANALYZE incidents`.execute(store.db);
}
