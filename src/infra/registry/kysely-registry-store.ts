import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { AttackReportDraft } from '../../registry/model/attack-report.js';
import type { CnsTestDraft } from '../../registry/model/cns-test.js';
import type { IncidentDraft } from '../../registry/model/incident.js';
import { nameKey } from '../../registry/normalise/text.js';
import type {
  ImportSession,
  IncidentFingerprint,
  ModelRegistration,
  RegistryStore,
  SourceRecord,
  WriteCount,
} from '../../registry/ports.js';
import { sha256Hex } from '../crypto/hash.js';
import type { Store } from '../db/database.js';
import type { Database, SourcesTable } from '../db/schema.js';

const toSource = (r: SourcesTable): SourceRecord => ({
  id: r.id,
  kind: r.kind,
  fileName: r.file_name,
  sha256: r.sha256,
  sizeBytes: Number(r.size_bytes),
  importer: r.importer,
  importerVersion: r.importer_version,
  importedAt: r.imported_at,
  rowsRead: Number(r.rows_read),
  rowsImported: Number(r.rows_imported),
  rowsRejected: Number(r.rows_rejected),
});

/** The id of a report's place set: the hash of its places (raw text and resolution alike). */
const placesKey = (d: AttackReportDraft): string => `ps_${sha256Hex(JSON.stringify(d.places)).slice(0, 24)}`;

const reportRow = (sourceId: string, d: AttackReportDraft, placesId: string) => ({
  id: d.id,
  source_id: sourceId,
  source_line: d.sourceLine,
  split_index: d.splitIndex,
  attribution: d.attribution,
  model_label: d.modelLabel,
  model_id: d.modelId ?? null,
  model_ids_json: JSON.stringify(d.modelIds),
  time_start_utc: d.timeStartUtc,
  time_end_utc: d.timeEndUtc,
  time_precision: d.timePrecision,
  time_start_raw: d.raw.time_start ?? '',
  time_end_raw: d.raw.time_end ?? '',
  launched: d.launched,
  destroyed: d.destroyed,
  destroyed_base: d.destroyedBase,
  not_reach_goal: d.notReachGoal,
  still_attacking: d.stillAttacking,
  num_hit_location: d.numHitLocation,
  num_fall_fragment_location: d.numFallFragmentLocation,
  launch_place_raw: d.raw.launch_place ?? '',
  target_raw: d.raw.target ?? '',
  carrier_raw: d.raw.carrier ?? '',
  places_id: placesId,
  source_ref: d.raw.source ?? '',
  notes: d.notes.join('\n'),
  raw_json: JSON.stringify(d.raw),
});

const placeRows = (d: AttackReportDraft, setId: string) => {
  const ordinals = new Map<string, number>();
  return d.places.map((p) => {
    const ordinal = ordinals.get(p.role) ?? 0;
    ordinals.set(p.role, ordinal + 1);
    return {
      set_id: setId,
      role: p.role,
      ordinal,
      raw: p.raw,
      kind: p.kind,
      iso_code: p.iso ?? null,
      direction: p.direction ?? null,
      note: p.note ?? null,
    };
  });
};

const incidentRow = (sourceId: string, d: IncidentDraft) => ({
  id: d.id,
  source_id: sourceId,
  source_line: d.sourceLine,
  occurred_at_utc: d.occurredAtUtc,
  occurred_at_raw: d.occurredAtRaw,
  lat: d.lat,
  lon: d.lon,
  location_precision_m: d.locationPrecisionM,
  target_region_iso: d.targetRegionIso,
  target_region_raw: d.targetRegionRaw,
  launch_region_iso: d.launchRegionIso,
  launch_region_raw: d.launchRegionRaw,
  launch_lat: d.launchLat,
  launch_lon: d.launchLon,
  model_claimed_raw: d.modelClaimedRaw,
  model_claimed_id: d.modelClaimedId,
  outcome: d.outcome,
  debris_recovered: d.debrisRecovered === null ? null : d.debrisRecovered ? 1 : 0,
  identified_type: d.identifiedType,
  killed: d.killed,
  injured: d.injured,
  source_url: d.sourceUrl,
  notes: d.notes,
  content_sha256: d.contentSha256,
});

const cnsRow = (sourceId: string, d: CnsTestDraft) => ({
  id: d.id,
  source_id: sourceId,
  source_row: d.sourceRow,
  origin: d.origin,
  date_utc: d.dateUtc,
  date_precision: d.datePrecision,
  time_utc: d.timeUtc,
  missile_key: d.missileKey,
  missile_name: d.missileName,
  missile_class: d.missileClass,
  facility_key: d.facilityKey,
  facility_name: d.facilityName,
  facility_lat: d.facilityLat,
  facility_lon: d.facilityLon,
  landing: d.landing,
  apogee_km: d.apogeeKm,
  distance_km: d.distanceKm,
  bearing_deg: d.bearingDeg,
  outcome: d.outcome,
  description: d.description,
  raw_json: JSON.stringify(d.raw),
});

/** Rows per multi-row INSERT on PostgreSQL (stays under its 65,535 bind-parameter limit). */
const PG_CHUNK = 1_000;

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * Identical published rows (the Air Force table repeats some rows verbatim): the k-th copy of content id X in one
 * file is stored as X (k = 0) or X#k. A newer file that repeats an older one then adds only its extra copies: its
 * first copies meet the stored X, X#1, ... and count as duplicates. Only ids that met a stored row are tracked
 * (a fresh import keeps no per-row state), so the memory is one map entry per such content id.
 */
export const copyId = (id: string, k: number): string => (k === 0 ? id : `${id}#${k}`);

/** The copy numbering of one import, shared by the SQLite and PostgreSQL writers. */
class Copies {
  private readonly next = new Map<string, number>();
  /** The copy number this row takes when its id has met a stored row in this import; else undefined. */
  known(id: string): number | undefined {
    return this.next.get(id);
  }
  /**
   * The id was found stored, by `ownerSource`: undefined when the stored row is this very copy, from an earlier
   * file (a duplicate); 1 when this import stored copy 0.
   */
  afterConflict(id: string, ownerSource: string | undefined, sourceId: string): number | undefined {
    if (ownerSource === sourceId) return 1;
    this.next.set(id, 1);
    return undefined;
  }
  /** Claims copy k: the id to store it under. */
  claim(id: string, k: number): string {
    this.next.set(id, k + 1);
    return copyId(id, k);
  }
}

/**
 * Bulk report writer for SQLite. Hand-written prepared statements rather than Kysely: the import hot path
 * writes a report and its places per published row (goal >= 200,000 rows/s), and building a Kysely query per
 * row costs more than the insert itself. The same rows, through Kysely, are the PostgreSQL path below.
 */
class SqliteReportWriter {
  private readonly insertReport: SQLite.Statement;
  private readonly insertSet: SQLite.Statement;
  private readonly sourceOf: SQLite.Statement;
  private readonly insertMember: SQLite.Statement;
  /** Place sets known to exist (written in this import or found already stored). */
  private readonly knownSets = new Set<string>();
  private readonly copies = new Copies();
  constructor(handle: SQLite.Database) {
    const cols = Object.keys(reportRow('', EXAMPLE_DRAFT, ''));
    // Positional parameters: binding by name costs a property lookup per column per row.
    this.insertReport = handle.prepare(
      `INSERT INTO attack_reports (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')}) ON CONFLICT(id) DO NOTHING`,
    );
    this.insertSet = handle.prepare('INSERT INTO place_sets (id) VALUES (?) ON CONFLICT(id) DO NOTHING');
    this.sourceOf = handle.prepare('SELECT source_id FROM attack_reports WHERE id = ?');
    this.insertMember = handle.prepare(
      'INSERT INTO place_set_members (set_id, role, ordinal, raw, kind, iso_code, direction, note) VALUES (@set_id, @role, @ordinal, @raw, @kind, @iso_code, @direction, @note)',
    );
  }
  write(sourceId: string, drafts: readonly AttackReportDraft[]): WriteCount {
    let inserted = 0;
    for (const d of drafts) {
      const setId = placesKey(d);
      if (!this.knownSets.has(setId)) {
        if (this.insertSet.run(setId).changes > 0)
          for (const p of placeRows(d, setId)) this.insertMember.run(p);
        this.knownSets.add(setId);
      }
      const row = reportRow(sourceId, d, setId);
      let k = this.copies.known(d.id);
      if (k === undefined) {
        if (this.insertReport.run(Object.values(row)).changes > 0) {
          inserted++;
          continue;
        }
        const owner = this.sourceOf.get(d.id) as { source_id: string } | undefined;
        k = this.copies.afterConflict(d.id, owner?.source_id, sourceId);
        if (k === undefined) continue;
      }
      row.id = this.copies.claim(d.id, k);
      if (this.insertReport.run(Object.values(row)).changes > 0) inserted++;
    }
    return { inserted, duplicates: drafts.length - inserted };
  }
}

const EXAMPLE_DRAFT: AttackReportDraft = {
  id: '',
  sourceLine: 0,
  splitIndex: 0,
  attribution: 'single',
  modelLabel: '',
  modelId: undefined,
  modelIds: [],
  timeStartUtc: '',
  timeEndUtc: '',
  timePrecision: 'day',
  launched: null,
  destroyed: null,
  destroyedBase: null,
  notReachGoal: null,
  stillAttacking: null,
  numHitLocation: null,
  numFallFragmentLocation: null,
  places: [],
  notes: [],
  raw: {},
};

function session(db: Kysely<Database>, sqliteWriter: SqliteReportWriter | undefined): ImportSession {
  const copies = new Copies();
  return {
    async recordSource(s) {
      await db
        .insertInto('sources')
        .values({
          id: s.id,
          kind: s.kind,
          file_name: s.fileName,
          sha256: s.sha256,
          size_bytes: s.sizeBytes,
          importer: s.importer,
          importer_version: s.importerVersion,
          imported_at: s.importedAt,
          rows_read: s.rowsRead,
          rows_imported: s.rowsImported,
          rows_rejected: s.rowsRejected,
        })
        .execute();
    },
    async updateSourceCounts(id, c) {
      await db
        .updateTable('sources')
        .set({ rows_read: c.rowsRead, rows_imported: c.rowsImported, rows_rejected: c.rowsRejected })
        .where('id', '=', id)
        .execute();
    },
    async registerModels(models: readonly ModelRegistration[]) {
      for (const m of models) {
        await db
          .insertInto('missile_models')
          .values({
            id: m.id,
            name: m.name,
            category: m.category,
            members_json: '[]',
            recognised: m.recognised ? 1 : 0,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await db
          .insertInto('model_aliases')
          .values({ alias_key: nameKey(m.name), alias: m.name, model_id: m.id })
          .onConflict((oc) => oc.column('alias_key').doNothing())
          .execute();
      }
    },
    async writeReports(sourceId, drafts) {
      if (sqliteWriter) return sqliteWriter.write(sourceId, drafts);
      let inserted = 0;
      for (const part of chunks(drafts, PG_CHUNK)) {
        const sets = new Map(part.map((d) => [placesKey(d), d]));
        const fresh = await db
          .insertInto('place_sets')
          .values([...sets.keys()].map((id) => ({ id })))
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute();
        const members = fresh.flatMap((r) => placeRows(sets.get(r.id)!, r.id));
        for (const m of chunks(members, PG_CHUNK))
          await db.insertInto('place_set_members').values(m).execute();
        const rows = await db
          .insertInto('attack_reports')
          .values(part.map((d) => reportRow(sourceId, d, placesKey(d))))
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute();
        const fresh1 = new Set(rows.map((r) => r.id));
        for (const d of part) {
          let k = copies.known(d.id);
          if (k === undefined) {
            if (fresh1.delete(d.id)) {
              inserted++; // the first copy of this part, inserted by the multi-row INSERT above
              continue;
            }
            const owner = await db
              .selectFrom('attack_reports')
              .select('source_id')
              .where('id', '=', d.id)
              .executeTakeFirst();
            k = copies.afterConflict(d.id, owner?.source_id, sourceId);
            if (k === undefined) continue;
          }
          const done = await db
            .insertInto('attack_reports')
            .values({ ...reportRow(sourceId, d, placesKey(d)), id: copies.claim(d.id, k) })
            .onConflict((oc) => oc.column('id').doNothing())
            .returning('id')
            .execute();
          if (done.length > 0) inserted++;
        }
      }
      return { inserted, duplicates: drafts.length - inserted };
    },
    async writeIncidents(sourceId, drafts) {
      let inserted = 0;
      for (const part of chunks(drafts, 500)) {
        const rows = await db
          .insertInto('incidents')
          .values(part.map((d) => incidentRow(sourceId, d)))
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute();
        inserted += rows.length;
      }
      return { inserted, duplicates: drafts.length - inserted };
    },
    async incidentFingerprints(ids): Promise<IncidentFingerprint[]> {
      const out: IncidentFingerprint[] = [];
      for (const part of chunks(ids, 500)) {
        if (part.length === 0) continue;
        const rows = await db
          .selectFrom('incidents')
          .select(['id', 'content_sha256', 'source_id', 'source_line'])
          .where('id', 'in', part)
          .execute();
        for (const r of rows)
          out.push({
            id: r.id,
            contentSha256: r.content_sha256,
            sourceId: r.source_id,
            sourceLine: Number(r.source_line),
          });
      }
      return out;
    },
    async writeBoundaries(sourceId, drafts) {
      let inserted = 0;
      // One geometry can be megabytes: insert one at a time.
      for (const d of drafts) {
        const r = await db
          .insertInto('boundaries')
          .values({
            id: d.id,
            source_id: sourceId,
            iso_code: d.isoCode,
            country: d.country,
            name: d.name,
            min_lon: d.minLon,
            min_lat: d.minLat,
            max_lon: d.maxLon,
            max_lat: d.maxLat,
            geometry_json: d.geometry,
            note: d.note,
            properties_json: JSON.stringify(d.properties),
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute();
        inserted += r.length;
      }
      return { inserted, duplicates: drafts.length - inserted };
    },
    async writeCnsTests(sourceId, drafts) {
      let inserted = 0;
      for (const part of chunks(drafts, 500)) {
        const rows = await db
          .insertInto('cns_tests')
          .values(part.map((d) => cnsRow(sourceId, d)))
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute();
        inserted += rows.length;
      }
      return { inserted, duplicates: drafts.length - inserted };
    },
  };
}

export function registryStore(store: Store): RegistryStore {
  const { db } = store;
  return {
    async findSourceBySha256(sha256) {
      const r = await db.selectFrom('sources').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      return r ? toSource(r) : undefined;
    },
    async listSources() {
      return (await db.selectFrom('sources').selectAll().orderBy('imported_at').execute()).map(toSource);
    },
    async inImportTransaction(fn) {
      const handle = store.sqlite;
      if (handle) {
        // One SQLite connection: BEGIN IMMEDIATE takes the write lock up front, so a second importer waits
        // (busy_timeout) instead of failing half-way. Kysely and the bulk writer share the connection.
        // The whole transaction holds Kysely's connection (its SQLite driver serialises users of the one
        // connection with a mutex), so in a server no other request's query can run inside this transaction:
        // they wait until it commits or rolls back (docs/adr/0004-server-sqlite-connection.md).
        return db.connection().execute(async (conn) => {
          handle.exec('BEGIN IMMEDIATE');
          try {
            const result = await fn(session(conn, new SqliteReportWriter(handle)));
            handle.exec('COMMIT');
            return result;
          } catch (e) {
            if (handle.inTransaction) handle.exec('ROLLBACK');
            throw e;
          }
        });
      }
      return db.transaction().execute((trx) => fn(session(trx, undefined)));
    },
  };
}
