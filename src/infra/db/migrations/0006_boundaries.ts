import type { Kysely } from 'kysely';

/** Imported administrative boundaries (GeoJSON geometry as text, with its bounding box for spatial filters). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dbl = 'double precision';
  await db.schema
    .createTable('boundaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('iso_code', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('min_lon', dbl, (c) => c.notNull())
    .addColumn('min_lat', dbl, (c) => c.notNull())
    .addColumn('max_lon', dbl, (c) => c.notNull())
    .addColumn('max_lat', dbl, (c) => c.notNull())
    .addColumn('geometry_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('properties_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('boundaries_iso').on('boundaries').columns(['iso_code', 'source_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('boundaries').execute();
}
