import type { Kysely } from 'kysely';

/** Sources, regions, models, Air Force attack reports with their places, incidents, CNS test records. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dbl = 'double precision';
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('importer', 'text', (c) => c.notNull())
    .addColumn('importer_version', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_imported', 'integer', (c) => c.notNull())
    .addColumn('rows_rejected', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('regions')
    .addColumn('iso_code', 'text', (c) => c.primaryKey())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_uk', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('region_names')
    .addColumn('name_key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('iso_code', 'text', (c) => c.notNull().references('regions.iso_code'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('missile_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('members_json', 'text', (c) => c.notNull())
    .addColumn('recognised', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('model_aliases')
    .addColumn('alias_key', 'text', (c) => c.primaryKey())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.notNull().references('missile_models.id'))
    .execute();

  await db.schema
    .createTable('place_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .execute();
  await db.schema
    .createTable('attack_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('source_line', 'integer', (c) => c.notNull())
    .addColumn('split_index', 'integer', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('model_label', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.references('missile_models.id'))
    .addColumn('model_ids_json', 'text', (c) => c.notNull())
    .addColumn('time_start_utc', 'text', (c) => c.notNull())
    .addColumn('time_end_utc', 'text', (c) => c.notNull())
    .addColumn('time_precision', 'text', (c) => c.notNull())
    .addColumn('time_start_raw', 'text', (c) => c.notNull())
    .addColumn('time_end_raw', 'text', (c) => c.notNull())
    .addColumn('launched', 'integer')
    .addColumn('destroyed', 'integer')
    .addColumn('destroyed_base', 'integer')
    .addColumn('not_reach_goal', 'integer')
    .addColumn('still_attacking', 'integer')
    .addColumn('num_hit_location', 'integer')
    .addColumn('num_fall_fragment_location', 'integer')
    .addColumn('launch_place_raw', 'text', (c) => c.notNull())
    .addColumn('target_raw', 'text', (c) => c.notNull())
    .addColumn('carrier_raw', 'text', (c) => c.notNull())
    .addColumn('places_id', 'text', (c) => c.notNull().references('place_sets.id'))
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('raw_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attack_reports_time').on('attack_reports').column('time_start_utc').execute();
  await db.schema
    .createIndex('attack_reports_model')
    .on('attack_reports')
    .columns(['model_id', 'time_start_utc'])
    .execute();
  await db.schema
    .createIndex('attack_reports_source')
    .on('attack_reports')
    .columns(['source_id', 'source_line'])
    .execute();

  await db.schema
    .createTable('place_set_members')
    .addColumn('set_id', 'text', (c) => c.notNull().references('place_sets.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('iso_code', 'text')
    .addColumn('direction', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('place_set_members_pk', ['set_id', 'role', 'ordinal'])
    .execute();
  await db.schema
    .createIndex('place_set_members_iso')
    .on('place_set_members')
    .columns(['iso_code', 'role'])
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('source_line', 'integer', (c) => c.notNull())
    .addColumn('occurred_at_utc', 'text', (c) => c.notNull())
    .addColumn('occurred_at_raw', 'text', (c) => c.notNull())
    .addColumn('lat', dbl)
    .addColumn('lon', dbl)
    .addColumn('location_precision_m', dbl)
    .addColumn('target_region_iso', 'text')
    .addColumn('target_region_raw', 'text', (c) => c.notNull())
    .addColumn('launch_region_iso', 'text')
    .addColumn('launch_region_raw', 'text', (c) => c.notNull())
    .addColumn('launch_lat', dbl)
    .addColumn('launch_lon', dbl)
    .addColumn('model_claimed_raw', 'text', (c) => c.notNull())
    .addColumn('model_claimed_id', 'text', (c) => c.references('missile_models.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('debris_recovered', 'integer')
    .addColumn('identified_type', 'text')
    .addColumn('killed', 'integer')
    .addColumn('injured', 'integer')
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_time').on('incidents').column('occurred_at_utc').execute();

  await db.schema
    .createTable('cns_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('date_utc', 'text', (c) => c.notNull())
    .addColumn('date_precision', 'text', (c) => c.notNull())
    .addColumn('time_utc', 'text')
    .addColumn('missile_key', 'text', (c) => c.notNull())
    .addColumn('missile_name', 'text', (c) => c.notNull())
    .addColumn('missile_class', 'text')
    .addColumn('facility_key', 'text', (c) => c.notNull())
    .addColumn('facility_name', 'text')
    .addColumn('facility_lat', dbl)
    .addColumn('facility_lon', dbl)
    .addColumn('landing', 'text')
    .addColumn('apogee_km', dbl)
    .addColumn('distance_km', dbl)
    .addColumn('bearing_deg', dbl)
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('raw_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cns_tests_date')
    .on('cns_tests')
    .columns(['date_utc', 'missile_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'cns_tests',
    'incidents',
    'place_set_members',
    'attack_reports',
    'place_sets',
    'model_aliases',
    'missile_models',
    'region_names',
    'regions',
    'sources',
  ])
    await db.schema.dropTable(t).execute();
}
