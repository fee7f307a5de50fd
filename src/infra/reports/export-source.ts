import type { Kysely } from 'kysely';
import type { AnalysisRun } from '../../cases/analysis-run.js';
import { reconstructionOf } from '../../reports/facts.js';
import type { ExportRecord } from '../../reports/exports/index.js';
import type { Database } from '../db/schema.js';
import { statsQueries } from '../registry/stats-queries.js';
import { incidentFactsOf, incidentQuery } from './report-source.js';

export interface Bbox {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

export interface ExportFilter {
  /** ISO 8601 UTC; `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
  /** A model label, alias or id (identified type, else reported model). */
  readonly model?: string;
  /** ISO 3166-2 code of the target region. */
  readonly region?: string;
  readonly bbox?: Bbox;
}

/** Incidents matching the filter, in time order, each with its latest stored reconstruction. */
export async function exportRecords(db: Kysely<Database>, f: ExportFilter): Promise<ExportRecord[]> {
  let q = incidentQuery(db);
  if (f.from) q = q.where('i.occurred_at_utc', '>=', f.from);
  if (f.to) q = q.where('i.occurred_at_utc', '<', f.to);
  if (f.region) q = q.where('i.target_region_iso', '=', f.region.toUpperCase());
  if (f.model) {
    const id = (await statsQueries(db).resolveModel(f.model)) ?? f.model;
    q = q.where((eb) =>
      eb.or([
        eb('i.identified_type', '=', id),
        eb.and([eb('i.identified_type', 'is', null), eb('i.model_claimed_id', '=', id)]),
      ]),
    );
  }
  if (f.bbox) {
    const b = f.bbox;
    q = q
      .where('i.lat', '>=', b.south)
      .where('i.lat', '<=', b.north)
      .where('i.lon', '>=', b.west)
      .where('i.lon', '<=', b.east);
  }
  const rows = await q.orderBy('i.occurred_at_utc').orderBy('i.id').execute();
  const ids = rows.map((r) => r.id);
  const latest = new Map<string, AnalysisRun>();
  for (let k = 0; k < ids.length; k += 500) {
    const runs = await db
      .selectFrom('analysis_runs')
      .selectAll()
      .where('kind', '=', 'reconstruction')
      .where('incident_id', 'in', ids.slice(k, k + 500))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const r of runs)
      if (r.incident_id && !latest.has(r.incident_id))
        latest.set(r.incident_id, {
          id: r.id,
          kind: 'reconstruction',
          incidentId: r.incident_id,
          createdAt: r.created_at,
          methodName: r.method_name,
          methodVersion: r.method_version,
          config: JSON.parse(r.config_json) as unknown,
          inputSha256: r.input_sha256,
          input: r.input_text,
          result: JSON.parse(r.result_json) as unknown,
        });
  }
  return rows.map((r) => {
    const run = latest.get(r.id);
    return {
      incident: incidentFactsOf(r as Parameters<typeof incidentFactsOf>[0]),
      reconstruction: run ? reconstructionOf(run) : null,
    };
  });
}
