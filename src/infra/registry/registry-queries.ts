import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import {
  INCIDENT_POINTS_CAP,
  type AttackReport,
  type AttackReportQuery,
  type BboxValue,
  type Incident,
  type IncidentPoints,
  type IncidentPointsQuery,
  type IncidentQuery,
} from '../../contract/index.js';
import type { Engine } from '../db/database.js';
import type { AttackReportsTable, Database, IncidentsTable, PlaceSetMembersTable } from '../db/schema.js';
import { afterCursor, decodeCursor, pageOf, type CursorValue, type Keyset } from '../server/pagination.js';
import { statsQueries } from './stats-queries.js';

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Read side of the registry for the API: filtered, sorted, keyset-paginated lists on both engines. */
export interface RegistryQueries {
  listIncidents(q: IncidentQuery): Promise<Page<Incident>>;
  /** Every matching incident (up to INCIDENT_POINTS_CAP) as columns, by time then id: the map's one request. */
  incidentPoints(q: IncidentPointsQuery): Promise<IncidentPoints>;
  getIncident(id: string): Promise<Incident | undefined>;
  listReports(q: AttackReportQuery): Promise<Page<AttackReport>>;
  getReport(id: string): Promise<AttackReport | undefined>;
}

const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

export const incidentOf = (r: IncidentsTable): Incident => ({
  id: r.id,
  occurredAt: r.occurred_at_utc,
  occurredAtRaw: r.occurred_at_raw,
  lat: numOrNull(r.lat),
  lon: numOrNull(r.lon),
  locationPrecisionM: numOrNull(r.location_precision_m),
  targetRegion: r.target_region_iso,
  targetRegionRaw: r.target_region_raw,
  launchRegion: r.launch_region_iso,
  launchRegionRaw: r.launch_region_raw,
  launchLat: numOrNull(r.launch_lat),
  launchLon: numOrNull(r.launch_lon),
  modelClaimedRaw: r.model_claimed_raw,
  modelClaimed: r.model_claimed_id,
  outcome: r.outcome as Incident['outcome'],
  debrisRecovered: r.debris_recovered === null ? null : Number(r.debris_recovered) === 1,
  identifiedType: r.identified_type,
  killed: numOrNull(r.killed),
  injured: numOrNull(r.injured),
  sourceUrl: r.source_url,
  notes: r.notes,
  source: { id: r.source_id, line: Number(r.source_line) },
});

const reportOf = (r: AttackReportsTable, places: PlaceSetMembersTable[]): AttackReport => ({
  id: r.id,
  attribution: r.attribution,
  modelLabel: r.model_label,
  modelId: r.model_id,
  modelIds: JSON.parse(r.model_ids_json) as string[],
  timeStart: r.time_start_utc,
  timeEnd: r.time_end_utc,
  timePrecision: r.time_precision,
  timeStartRaw: r.time_start_raw,
  timeEndRaw: r.time_end_raw,
  launched: numOrNull(r.launched),
  destroyed: numOrNull(r.destroyed),
  destroyedBase: numOrNull(r.destroyed_base),
  notReachGoal: numOrNull(r.not_reach_goal),
  stillAttacking: numOrNull(r.still_attacking),
  launchPlaceRaw: r.launch_place_raw,
  targetRaw: r.target_raw,
  places: places
    .sort((a, b) => a.role.localeCompare(b.role) || Number(a.ordinal) - Number(b.ordinal))
    .map((p) => ({
      role: p.role,
      raw: p.raw,
      kind: p.kind,
      iso: p.iso_code,
      direction: p.direction,
      note: p.note,
    })),
  notes: r.notes,
  source: { id: r.source_id, line: Number(r.source_line), ref: r.source_ref },
});

const INCIDENT_KEYS: Record<IncidentQuery['sort'], Keyset> = {
  occurred_at: { column: 'i.occurred_at_utc', idColumn: 'i.id', descending: false },
  '-occurred_at': { column: 'i.occurred_at_utc', idColumn: 'i.id', descending: true },
  id: { column: 'i.id', idColumn: 'i.id', descending: false },
  '-id': { column: 'i.id', idColumn: 'i.id', descending: true },
};
const REPORT_KEYS: Record<AttackReportQuery['sort'], Keyset> = {
  time_start: { column: 'r.time_start_utc', idColumn: 'r.id', descending: false },
  '-time_start': { column: 'r.time_start_utc', idColumn: 'r.id', descending: true },
  id: { column: 'r.id', idColumn: 'r.id', descending: false },
  '-id': { column: 'r.id', idColumn: 'r.id', descending: true },
};

/** Days since 1970 of an ISO instant (the R*Tree's third axis on SQLite). */
const unixDays = (iso: string): number => Date.parse(iso) / 86_400_000;

/**
 * The bbox (and time window) predicate, engine by engine: the R*Tree on SQLite (a superset, the exact columns
 * are re-checked by the caller), the GiST index on point(lon, lat) on PostgreSQL.
 */
function spatialIds(
  engine: Engine,
  b: BboxValue,
  from: string | undefined,
  to: string | undefined,
  /** SQLite, a bbox/time-only query in time order: the page is chosen inside the R*Tree (see below). */
  page?: { descending: boolean; limit: number; after: CursorValue | undefined },
) {
  if (engine === 'sqlite') {
    const minDay = from === undefined ? -1e9 : unixDays(from) - 1;
    const maxDay = to === undefined ? 1e9 : unixDays(to) + 1;
    const coarse = sql`max_lon >= ${b.west} AND min_lon <= ${b.east} AND max_lat >= ${b.south} AND min_lat <= ${b.north}
        AND max_day >= ${minDay} AND min_day <= ${maxDay}`;
    if (!page) return sql<boolean>`i.id IN (SELECT incident_id FROM incidents_rtree WHERE ${coarse})`;
    // The tree's auxiliary columns hold the exact point and time, so the exact test, the order and the page
    // limit are all applied to the tree's candidates; only the page's rows are then read from the table.
    const dir = sql.raw(page.descending ? 'DESC' : 'ASC');
    const op = sql.raw(page.descending ? '<' : '>');
    const after = page.after
      ? sql`AND (at ${op} ${page.after.value} OR (at = ${page.after.value} AND incident_id ${op} ${page.after.id}))`
      : sql``;
    return sql<boolean>`i.id IN (SELECT incident_id FROM incidents_rtree WHERE ${coarse}
        AND lon >= ${b.west} AND lon <= ${b.east} AND lat >= ${b.south} AND lat <= ${b.north}
        ${from === undefined ? sql`` : sql`AND at >= ${from}`} ${to === undefined ? sql`` : sql`AND at < ${to}`}
        ${after}
      ORDER BY at ${dir}, incident_id ${dir} LIMIT ${page.limit})`;
  }
  return sql<boolean>`point(i.lon, i.lat) <@ box(point(${b.west}, ${b.south}), point(${b.east}, ${b.north}))`;
}

export function registryQueries(db: Kysely<Database>, engine: Engine): RegistryQueries {
  const models = statsQueries(db);
  /** A label or id to the model id (unknown labels match nothing rather than everything). */
  const modelIdOf = async (label: string): Promise<string> => (await models.resolveModel(label)) ?? label;

  /** The incident filters (bbox, time, outcome, regions, model) on a query over `incidents as i`. */
  async function filtered<S extends SelectQueryBuilder<Database & { i: IncidentsTable }, 'i', object>>(
    s: S,
    q: IncidentPointsQuery,
    page?: { descending: boolean; limit: number; after: CursorValue | undefined },
  ): Promise<S> {
    let out = s;
    if (q.bbox) {
      const b = q.bbox;
      out = out
        .where(spatialIds(engine, b, q.from, q.to, page))
        .where('i.lon', '>=', b.west)
        .where('i.lon', '<=', b.east)
        .where('i.lat', '>=', b.south)
        .where('i.lat', '<=', b.north) as S;
    }
    if (q.from) out = out.where('i.occurred_at_utc', '>=', q.from) as S;
    if (q.to) out = out.where('i.occurred_at_utc', '<', q.to) as S;
    if (q.outcome) out = out.where('i.outcome', 'in', q.outcome) as S;
    if (q.region) out = out.where('i.target_region_iso', '=', q.region) as S;
    if (q.launchRegion) out = out.where('i.launch_region_iso', '=', q.launchRegion) as S;
    if (q.model) {
      const id = await modelIdOf(q.model);
      out = out.where((eb) =>
        eb.or([
          eb('i.identified_type', '=', id),
          eb.and([eb('i.identified_type', 'is', null), eb('i.model_claimed_id', '=', id)]),
        ]),
      ) as S;
    }
    return out;
  }

  return {
    async listIncidents(q) {
      const k = INCIDENT_KEYS[q.sort];
      const cursor = decodeCursor(q.cursor);
      let s = await filtered(
        db.selectFrom('incidents as i').selectAll('i'),
        q,
        q.sort.endsWith('occurred_at') && !q.outcome && !q.region && !q.launchRegion && !q.model
          ? { descending: k.descending, limit: q.limit + 1, after: cursor }
          : undefined,
      );
      if (cursor) s = s.where(afterCursor(k, cursor));
      const dir = k.descending ? 'desc' : 'asc';
      const rows = await s
        .orderBy(sql.ref(k.column), dir)
        .orderBy('i.id', dir)
        .limit(q.limit + 1)
        .execute();
      return pageOf(
        rows,
        q.limit,
        (r) => ({ value: k.column === k.idColumn ? r.id : r.occurred_at_utc, id: r.id }),
        incidentOf,
      );
    },

    async incidentPoints(q) {
      const rows = await (
        await filtered(
          db
            .selectFrom('incidents as i')
            .select([
              'i.id',
              'i.occurred_at_utc',
              'i.lon',
              'i.lat',
              'i.location_precision_m',
              'i.outcome',
              'i.identified_type',
              'i.model_claimed_id',
              'i.launch_lon',
              'i.launch_lat',
              'i.target_region_iso',
            ]),
          q,
        )
      )
        .orderBy('i.occurred_at_utc')
        .orderBy('i.id')
        .limit(INCIDENT_POINTS_CAP + 1)
        .execute();
      const truncated = rows.length > INCIDENT_POINTS_CAP;
      const kept = truncated ? rows.slice(0, INCIDENT_POINTS_CAP) : rows;
      const n = kept.length;
      const out: IncidentPoints = {
        count: n,
        truncated,
        id: new Array<string>(n),
        t: new Array<number>(n),
        lon: new Array<number | null>(n),
        lat: new Array<number | null>(n),
        precisionM: new Array<number | null>(n),
        outcome: new Array<IncidentPoints['outcome'][number]>(n),
        type: new Array<string | null>(n),
        model: new Array<string | null>(n),
        launchLon: new Array<number | null>(n),
        launchLat: new Array<number | null>(n),
        targetRegion: new Array<string | null>(n),
      };
      for (let j = 0; j < n; j++) {
        const r = kept[j]!;
        out.id[j] = r.id;
        out.t[j] = Date.parse(r.occurred_at_utc);
        out.lon[j] = numOrNull(r.lon);
        out.lat[j] = numOrNull(r.lat);
        out.precisionM[j] = numOrNull(r.location_precision_m);
        out.outcome[j] = r.outcome as IncidentPoints['outcome'][number];
        out.type[j] = r.identified_type;
        out.model[j] = r.model_claimed_id;
        out.launchLon[j] = numOrNull(r.launch_lon);
        out.launchLat[j] = numOrNull(r.launch_lat);
        out.targetRegion[j] = r.target_region_iso;
      }
      return out;
    },

    async getIncident(id) {
      const r = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? incidentOf(r) : undefined;
    },

    async listReports(q) {
      const k = REPORT_KEYS[q.sort];
      const cursor = decodeCursor(q.cursor);
      let s = db.selectFrom('attack_reports as r').selectAll('r');
      if (q.from) s = s.where('r.time_start_utc', '>=', q.from);
      if (q.to) s = s.where('r.time_start_utc', '<', q.to);
      if (q.model) s = s.where('r.model_id', '=', await modelIdOf(q.model));
      if (q.region) {
        const region = q.region;
        s = s.where((eb) =>
          eb.exists(
            eb
              .selectFrom('place_set_members as m')
              .select('m.set_id')
              .whereRef('m.set_id', '=', 'r.places_id')
              .where('m.iso_code', '=', region),
          ),
        );
      }
      if (cursor) s = s.where(afterCursor(k, cursor));
      const dir = k.descending ? 'desc' : 'asc';
      const rows = await s
        .orderBy(sql.ref(k.column), dir)
        .orderBy('r.id', dir)
        .limit(q.limit + 1)
        .execute();
      const kept = rows.slice(0, q.limit);
      const places = await placesOf(
        db,
        kept.map((r) => r.places_id),
      );
      return pageOf(
        rows,
        q.limit,
        (r) => ({ value: k.column === k.idColumn ? r.id : r.time_start_utc, id: r.id }),
        (r) => reportOf(r, places.get(r.places_id) ?? []),
      );
    },

    async getReport(id) {
      const r = await db.selectFrom('attack_reports').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      const places = await placesOf(db, [r.places_id]);
      return reportOf(r, places.get(r.places_id) ?? []);
    },
  };
}

async function placesOf(
  db: Kysely<Database>,
  setIds: readonly string[],
): Promise<Map<string, PlaceSetMembersTable[]>> {
  const out = new Map<string, PlaceSetMembersTable[]>();
  const unique = [...new Set(setIds)];
  if (unique.length === 0) return out;
  const rows = await db.selectFrom('place_set_members').selectAll().where('set_id', 'in', unique).execute();
  for (const r of rows) {
    const xs = out.get(r.set_id) ?? [];
    xs.push(r);
    out.set(r.set_id, xs);
  }
  return out;
}
