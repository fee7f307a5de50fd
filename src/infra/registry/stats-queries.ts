import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { nameKey } from '../../registry/normalise/text.js';
import type {
  CnsAggregate,
  GroupBy,
  IncidentAggregate,
  ModelMonthAggregate,
  ReportAggregate,
  StatsFilter,
  StatsQueries,
} from '../../registry/ports.js';
import type { Database } from '../db/schema.js';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Destroyed, and the launched count it refers to, summed over report rows whose destroyed figure is known. */
const DESTROYED_SUM = sql<number>`coalesce(sum(r.destroyed), 0)`;
const KNOWN_SUM = sql<number>`coalesce(sum(case when r.destroyed is not null then r.destroyed_base end), 0)`;

/** The filter of every report query, on the alias `r`. */
function reportWhere(f: StatsFilter): RawBuilder<SqlBool>[] {
  const w: RawBuilder<SqlBool>[] = [];
  if (f.fromUtc) w.push(sql<SqlBool>`r.time_start_utc >= ${f.fromUtc}`);
  if (f.toUtc) w.push(sql<SqlBool>`r.time_start_utc < ${f.toUtc}`);
  if (f.modelId) w.push(sql<SqlBool>`r.model_id = ${f.modelId}`);
  return w;
}

/** Portable GROUP BY queries (SQLite and PostgreSQL); sums come back as strings from pg and are converted. */
export function statsQueries(db: Kysely<Database>): StatsQueries {
  return {
    async reportAggregates(filter: StatsFilter, by: GroupBy | undefined): Promise<ReportAggregate[]> {
      const regionRoles = by === 'launch_region' ? ['launch'] : ['target', 'target_main', 'affected'];
      const byRegion = by === 'launch_region' || by === 'target_region';
      // Each report once per distinct region it names in the chosen roles (or once as 'unknown').
      const places = db
        .selectFrom('place_set_members')
        .select(['set_id', 'iso_code'])
        .distinct()
        .where('role', 'in', byRegion ? regionRoles : ['__none__'])
        .where('iso_code', 'is not', null)
        .where('kind', '!=', 'country')
        .as('p');
      let q = db
        .selectFrom('attack_reports as r')
        .leftJoin(places, (join) => join.onRef('p.set_id', '=', 'r.places_id'))
        .select((eb) => [
          eb.fn.countAll<number>().as('rows'),
          eb.fn.coalesce(eb.fn.sum<number>('r.launched'), sql.lit(0)).as('launched'),
          DESTROYED_SUM.as('destroyed'),
          KNOWN_SUM.as('known'),
        ]);
      for (const w of reportWhere(filter)) q = q.where(w);
      const keyed =
        by === 'month'
          ? q
              .select(sql<string>`substr(r.time_start_utc, 1, 7)`.as('key'))
              .groupBy(sql`substr(r.time_start_utc, 1, 7)`)
          : by === 'model'
            ? q
                .select(sql<string>`coalesce(r.model_id, r.model_label)`.as('key'))
                .select(sql<string>`max(r.model_label)`.as('label'))
                .groupBy(sql`coalesce(r.model_id, r.model_label)`)
            : byRegion
              ? q
                  .select(sql<string>`coalesce(p.iso_code, 'unknown')`.as('key'))
                  .groupBy(sql`coalesce(p.iso_code, 'unknown')`)
              : q.select(sql<string>`'total'`.as('key'));
      const rows = await keyed.orderBy('key').execute();
      return rows
        .map((r) => ({
          key: String(r.key),
          ...('label' in r && r.label !== undefined ? { label: String(r.label) } : {}),
          rows: num(r.rows),
          launched: num(r.launched),
          destroyed: num(r.destroyed),
          launchedWithKnownDestroyed: num(r.known),
        }))
        .filter((r) => r.rows > 0);
    },

    async incidentAggregates(filter: StatsFilter, by: GroupBy | undefined): Promise<IncidentAggregate[]> {
      let q = db.selectFrom('incidents as i').select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when('i.outcome', 'in', ['airburst', 'deviated'])
              .then(sql.lit(1))
              .else(sql.lit(0))
              .end(),
          )
          .as('failures'),
        eb.fn
          .sum<number>(eb.case().when('i.outcome', '!=', 'unknown').then(sql.lit(1)).else(sql.lit(0)).end())
          .as('known'),
        eb.fn
          .sum<number>(
            eb.case().when('i.outcome', '=', 'intercepted').then(sql.lit(1)).else(sql.lit(0)).end(),
          )
          .as('intercepted'),
        eb.fn
          .sum<number>(eb.case().when('i.debris_recovered', '=', 1).then(sql.lit(1)).else(sql.lit(0)).end())
          .as('debris'),
        eb.fn.count<number>('i.debris_recovered').as('debris_known'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                eb.and([eb('i.outcome', 'in', ['airburst', 'deviated']), eb('i.debris_recovered', '=', 1)]),
              )
              .then(sql.lit(1))
              .else(sql.lit(0))
              .end(),
          )
          .as('fail_debris'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                eb.and([eb('i.outcome', 'in', ['impact', 'intercepted']), eb('i.debris_recovered', '=', 1)]),
              )
              .then(sql.lit(1))
              .else(sql.lit(0))
              .end(),
          )
          .as('ok_debris'),
        eb.fn.coalesce(eb.fn.sum<number>('i.killed'), sql.lit(0)).as('killed'),
        eb.fn.coalesce(eb.fn.sum<number>('i.injured'), sql.lit(0)).as('injured'),
      ]);
      if (filter.fromUtc) q = q.where('i.occurred_at_utc', '>=', filter.fromUtc);
      if (filter.toUtc) q = q.where('i.occurred_at_utc', '<', filter.toUtc);
      if (filter.modelId) {
        const id = filter.modelId;
        q = q.where((eb) =>
          eb.or([
            eb('i.identified_type', '=', id),
            eb.and([eb('i.identified_type', 'is', null), eb('i.model_claimed_id', '=', id)]),
          ]),
        );
      }
      const keyExpr =
        by === 'month'
          ? sql<string>`substr(i.occurred_at_utc, 1, 7)`
          : by === 'model'
            ? sql<string>`coalesce(i.identified_type, 'unidentified')`
            : by === 'launch_region'
              ? sql<string>`coalesce(i.launch_region_iso, 'unknown')`
              : by === 'target_region'
                ? sql<string>`coalesce(i.target_region_iso, 'unknown')`
                : undefined;
      const rows = await (
        keyExpr
          ? q.select(keyExpr.as('key')).groupBy(keyExpr).orderBy('key')
          : q.select(sql<string>`'total'`.as('key'))
      ).execute();
      return rows
        .map((r) => ({
          key: String(r.key),
          count: num(r.count),
          failures: num(r.failures),
          knownOutcomes: num(r.known),
          intercepted: num(r.intercepted),
          debrisRecovered: num(r.debris),
          debrisKnown: num(r.debris_known),
          failuresWithDebris: num(r.fail_debris),
          successesWithDebris: num(r.ok_debris),
          killed: num(r.killed),
          injured: num(r.injured),
        }))
        .filter((r) => r.count > 0);
    },

    async reportAggregatesByModelMonth(filter: StatsFilter): Promise<ModelMonthAggregate[]> {
      let q = db
        .selectFrom('attack_reports as r')
        .select(() => [
          sql<string>`coalesce(r.model_id, r.model_label)`.as('key'),
          sql<string>`substr(r.time_start_utc, 1, 7)`.as('month'),
          DESTROYED_SUM.as('destroyed'),
          KNOWN_SUM.as('known'),
        ]);
      for (const w of reportWhere(filter)) q = q.where(w);
      const rows = await q
        .groupBy([sql`coalesce(r.model_id, r.model_label)`, sql`substr(r.time_start_utc, 1, 7)`])
        .orderBy('key')
        .orderBy('month')
        .execute();
      return rows.map((r) => ({
        key: String(r.key),
        month: String(r.month),
        destroyed: num(r.destroyed),
        launchedWithKnownDestroyed: num(r.known),
      }));
    },

    async cnsAggregates(by: 'missile' | 'year', origin: 'json' | 'xlsx'): Promise<CnsAggregate[]> {
      const key = by === 'missile' ? sql<string>`t.missile_key` : sql<string>`substr(t.date_utc, 1, 4)`;
      const rows = await db
        .selectFrom('cns_tests as t')
        .select((eb) => [
          key.as('key'),
          eb.fn.max('t.missile_name').as('label'),
          eb.fn.countAll<number>().as('tests'),
          eb.fn
            .sum<number>(eb.case().when('t.outcome', '=', 'success').then(sql.lit(1)).else(sql.lit(0)).end())
            .as('ok'),
          eb.fn
            .sum<number>(eb.case().when('t.outcome', '=', 'failure').then(sql.lit(1)).else(sql.lit(0)).end())
            .as('fail'),
        ])
        .where('t.origin', '=', origin)
        .groupBy(key)
        .orderBy('key')
        .execute();
      return rows.map((r) => ({
        key: String(r.key),
        label: by === 'missile' ? String(r.label) : String(r.key),
        tests: num(r.tests),
        successes: num(r.ok),
        failures: num(r.fail),
        unknown: num(r.tests) - num(r.ok) - num(r.fail),
      }));
    },

    async resolveModel(label: string): Promise<string | undefined> {
      const r = await db
        .selectFrom('model_aliases')
        .select('model_id')
        .where('alias_key', '=', nameKey(label))
        .executeTakeFirst();
      if (r) return r.model_id;
      const byId = await db
        .selectFrom('missile_models')
        .select('id')
        .where('id', '=', label)
        .executeTakeFirst();
      return byId?.id;
    },
  };
}

export type { SqlBool };
