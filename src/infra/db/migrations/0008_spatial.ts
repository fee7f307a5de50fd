import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Spatial index of incidents (docs/adr/0005-spatial-index.md).
 *
 * SQLite: an R*Tree over (lon, lat, days since 1970) with the incident id and the exact lon, lat and time as
 * auxiliary columns, kept in step by triggers. R*Tree coordinates are 32-bit floats rounded outwards, so the
 * tree finds a superset; the exact auxiliary values (or the table's columns) are re-checked. The tree's own integer ids are assigned by SQLite (never the table's
 * rowid, which VACUUM may renumber).
 *
 * PostgreSQL: a GiST index on (point(lon, lat), occurred_at_utc) (built-in geometric types; the time column
 * through btree_gist, a trusted contrib extension) used by `point(lon, lat) <@ box(...)` with the time bounds;
 * where btree_gist is not available, a GiST index on point(lon, lat) alone (the btree on occurred_at_utc then
 * serves the time bounds).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`CREATE VIRTUAL TABLE incidents_rtree USING rtree(
      id, min_lon, max_lon, min_lat, max_lat, min_day, max_day, +incident_id TEXT, +lon REAL, +lat REAL, +at TEXT)`.execute(
      db,
    );
    const day = (col: string) => sql.raw(`(julianday(${col}) - 2440587.5)`);
    const insert = (prefix: string) => {
      const col = (c: string) => sql.raw(`${prefix}${c}`);
      return sql`INSERT INTO incidents_rtree
            (id, min_lon, max_lon, min_lat, max_lat, min_day, max_day, incident_id, lon, lat, at)
          SELECT NULL, ${col('lon')}, ${col('lon')}, ${col('lat')}, ${col('lat')},
                 ${day(`${prefix}occurred_at_utc`)}, ${day(`${prefix}occurred_at_utc`)}, ${col('id')},
                 ${col('lon')}, ${col('lat')}, ${col('occurred_at_utc')}`;
    };
    await sql`${insert('')} FROM incidents WHERE lat IS NOT NULL AND lon IS NOT NULL`.execute(db);
    await sql`CREATE TRIGGER incidents_rtree_insert AFTER INSERT ON incidents
      WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL
      BEGIN ${insert('new.')}; END`.execute(db);
    await sql`CREATE TRIGGER incidents_rtree_delete AFTER DELETE ON incidents
      WHEN old.lat IS NOT NULL AND old.lon IS NOT NULL
      BEGIN DELETE FROM incidents_rtree WHERE incident_id = old.id; END`.execute(db);
    await sql`CREATE TRIGGER incidents_rtree_update AFTER UPDATE OF lat, lon, occurred_at_utc ON incidents
      BEGIN
        DELETE FROM incidents_rtree WHERE incident_id = old.id;
        ${insert('new.')} WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
      END`.execute(db);
  } else {
    await createPostgresSpatialIndex(db);
  }
}

/** The PostgreSQL spatial index (also used by bulk loaders that drop it around a large load). */
export async function createPostgresSpatialIndex(db: Kysely<unknown>): Promise<void> {
  const available = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_available_extensions
    WHERE name = 'btree_gist'`.execute(db);
  let composite = (available.rows[0]?.n ?? 0) > 0;
  if (composite) {
    try {
      await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);
    } catch {
      composite = false; // not allowed to create it here: fall back to the point-only index
    }
  }
  await (
    composite
      ? sql`CREATE INDEX incidents_point ON incidents USING gist (point(lon, lat), occurred_at_utc)`
      : sql`CREATE INDEX incidents_point ON incidents USING gist (point(lon, lat))`
  ).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['incidents_rtree_insert', 'incidents_rtree_delete', 'incidents_rtree_update'])
      await sql`DROP TRIGGER IF EXISTS ${sql.id(t)}`.execute(db);
    await sql`DROP TABLE IF EXISTS incidents_rtree`.execute(db);
  } else {
    await sql`DROP INDEX IF EXISTS incidents_point`.execute(db);
  }
}
