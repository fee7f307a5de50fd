import type { Kysely } from 'kysely';

/**
 * A reconstruction's GeoJSON (trajectory with per-vertex times, points, 95 % ellipses, observations), stored
 * with the run so the server need not replay the fit to draw it. Null for runs stored before this column and
 * for identifications: those are replayed from their stored input on demand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analysis_runs').addColumn('geojson_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analysis_runs').dropColumn('geojson_json').execute();
}
