import type { Kysely } from 'kysely';
import type { AnalysisKind, AnalysisRun, AnalysisRunStore } from '../../cases/analysis-run.js';
import type { Database } from '../db/schema.js';
import type { AnalysisRunsTable } from '../db/schema-analysis.js';

const toRun = (r: AnalysisRunsTable): AnalysisRun => ({
  id: r.id,
  kind: r.kind as AnalysisKind,
  incidentId: r.incident_id,
  createdAt: r.created_at,
  methodName: r.method_name,
  methodVersion: r.method_version,
  config: JSON.parse(r.config_json) as unknown,
  inputSha256: r.input_sha256,
  input: r.input_text,
  result: JSON.parse(r.result_json) as unknown,
  ...(r.geojson_json ? { geojson: JSON.parse(r.geojson_json) as unknown } : {}),
});

export function analysisRunStore(db: Kysely<Database>): AnalysisRunStore {
  return {
    async incidentExists(id) {
      return (
        (await db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      );
    },
    async save(run) {
      await db
        .insertInto('analysis_runs')
        .values({
          id: run.id,
          kind: run.kind,
          incident_id: run.incidentId,
          created_at: run.createdAt,
          method_name: run.methodName,
          method_version: run.methodVersion,
          config_json: JSON.stringify(run.config),
          input_sha256: run.inputSha256,
          input_text: run.input,
          result_json: JSON.stringify(run.result),
          geojson_json: run.geojson === undefined ? null : JSON.stringify(run.geojson),
        })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('analysis_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRun(r) : undefined;
    },
    async listForIncident(incidentId, kind) {
      let q = db.selectFrom('analysis_runs').selectAll().where('incident_id', '=', incidentId);
      if (kind) q = q.where('kind', '=', kind);
      return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(toRun);
    },
  };
}
