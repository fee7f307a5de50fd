import { sql, type Kysely } from 'kysely';
import type { MerkleTree } from '../../evidence/model/merkle.js';
import { toHex } from '../../evidence/model/merkle.js';
import { loadTree } from '../../evidence/services/load-tree.js';
import type { Catalogue } from '../../identification/index.js';
import { computeStats } from '../../registry/services/stats.js';
import type { CheckpointFacts, IncidentFacts } from '../../reports/model.js';
import type {
  BulletinSource,
  CaseSource,
  DossierSource,
  ReportHasher,
  TypeInfo,
} from '../../reports/ports.js';
import { analysisRunStore } from '../cases/analysis-runs.js';
import { loadCatalogue } from '../catalogue/load.js';
import { sha256Hex } from '../crypto/hash.js';
import type { Database, IncidentsTable } from '../db/schema.js';
import { kyselyEvidenceRepository } from '../evidence/kysely-evidence-repository.js';
import { kyselyTracingRepository } from '../evidence/kysely-tracing-repository.js';
import { nodeHasher } from '../evidence/node-crypto.js';
import { statsQueries } from '../registry/stats-queries.js';

export const reportHasher: ReportHasher = { sha256Hex };

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

type IncidentRow = IncidentsTable & {
  src_file: string | null;
  src_sha: string | null;
  src_at: string | null;
  target_name: string | null;
  launch_name: string | null;
};

export function incidentFactsOf(r: IncidentRow): IncidentFacts {
  const lat = num(r.lat);
  const lon = num(r.lon);
  const launchLat = num(r.launch_lat);
  const launchLon = num(r.launch_lon);
  return {
    id: r.id,
    occurredAt: r.occurred_at_utc,
    occurredAtRaw: r.occurred_at_raw,
    location: lat !== null && lon !== null ? { lat, lon, precisionM: num(r.location_precision_m) } : null,
    targetRegion: { iso: r.target_region_iso, raw: r.target_region_raw, name: r.target_name },
    launchRegion: { iso: r.launch_region_iso, raw: r.launch_region_raw, name: r.launch_name },
    launchPoint: launchLat !== null && launchLon !== null ? { lat: launchLat, lon: launchLon } : null,
    modelClaimedRaw: r.model_claimed_raw,
    modelClaimed: r.model_claimed_id,
    outcome: r.outcome,
    debrisRecovered: r.debris_recovered === null ? null : Number(r.debris_recovered) === 1,
    identifiedType: r.identified_type,
    killed: num(r.killed),
    injured: num(r.injured),
    sourceUrl: r.source_url,
    notes: r.notes,
    source: {
      id: r.source_id,
      line: Number(r.source_line),
      fileName: r.src_file,
      sha256: r.src_sha,
      importedAt: r.src_at,
    },
  };
}

/** Incidents with their source file and region names (the registry is public: no sensitivity applies). */
export function incidentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('incidents as i')
    .leftJoin('sources as s', 's.id', 'i.source_id')
    .leftJoin('regions as rt', 'rt.iso_code', 'i.target_region_iso')
    .leftJoin('regions as rl', 'rl.iso_code', 'i.launch_region_iso')
    .selectAll('i')
    .select([
      's.file_name as src_file',
      's.sha256 as src_sha',
      's.imported_at as src_at',
      'rt.name_en as target_name',
      'rl.name_en as launch_name',
    ]);
}

export interface ReportSources {
  readonly dossier: DossierSource;
  readonly bulletin: BulletinSource;
  readonly case: CaseSource;
}

/**
 * The report ports over one store. The Merkle tree is loaded once per instance (at the first proof); the
 * catalogue once (at the first type look-up).
 */
export function reportSources(db: Kysely<Database>, catalogue?: () => Promise<Catalogue>): ReportSources {
  const repo = kyselyEvidenceRepository(db);
  const tracing = kyselyTracingRepository(db);
  const runs = analysisRunStore(db);
  let tree: Promise<MerkleTree> | undefined;
  let cat: Promise<Catalogue | undefined> | undefined;
  const models = new Map<string, TypeInfo | undefined>();

  async function typeInfo(id: string): Promise<TypeInfo | undefined> {
    cat ??= (catalogue ?? (() => loadCatalogue()))().catch(() => undefined);
    const t = (await cat)?.types.find((x) => x.id === id);
    if (t)
      return { id: t.id, name: t.name, originState: (t as { originState?: string }).originState ?? null };
    if (!models.has(id)) {
      const m = await db
        .selectFrom('missile_models')
        .select(['id', 'name'])
        .where('id', '=', id)
        .executeTakeFirst();
      models.set(id, m ? { id: m.id, name: m.name, originState: null } : undefined);
    }
    return models.get(id);
  }

  async function latestCheckpoint(): Promise<CheckpointFacts | undefined> {
    const all = await repo.checkpoints();
    const last = all.reduce<(typeof all)[number] | undefined>(
      (a, c) => (a === undefined || c.record.size >= a.record.size ? c : a),
      undefined,
    );
    if (!last) return undefined;
    const r = last.record;
    return {
      size: r.size,
      root: r.root,
      at: r.at,
      actor: r.actor,
      key: r.key,
      log: r.log,
      text: last.text,
      signature: last.signature,
    };
  }

  const dossier: DossierSource = {
    async incident(id) {
      const r = await incidentQuery(db).where('i.id', '=', id).executeTakeFirst();
      return r ? incidentFactsOf(r as IncidentRow) : undefined;
    },
    analysisRuns: (id) => runs.listForIncident(id),
    evidenceItems: (id) => repo.listItems({ incident: id }),
    async custody(itemId) {
      return (await repo.eventRowsOfItem(itemId)).map((e) => {
        let place: string | null;
        try {
          place = (JSON.parse(e.text) as { place?: string | null }).place ?? null;
        } catch {
          place = null;
        }
        return { index: e.index, event: e.event, actor: e.actor, at: e.at, place, hash: e.hash };
      });
    },
    latestCheckpoint,
    async inclusionProof(index, size) {
      tree ??= loadTree(repo, nodeHasher).then((t) => t.tree);
      return (await tree).inclusionProof(index, size).map(toHex);
    },
    async components(itemIds) {
      const out = [];
      for (const item of itemIds) out.push(...(await tracing.components({ item })));
      return out;
    },
    typeInfo,
  };

  const bulletin: BulletinSource = {
    async incidentsInPeriod(from, to) {
      const rows = await incidentQuery(db)
        .where((eb) =>
          eb.or([
            eb.and([eb('i.occurred_at_utc', '>=', from), eb('i.occurred_at_utc', '<', to)]),
            eb(
              'i.id',
              'in',
              eb
                .selectFrom('analysis_runs')
                .select(sql<string>`incident_id`.as('incident_id'))
                .where('created_at', '>=', from)
                .where('created_at', '<', to)
                .where('incident_id', 'is not', null),
            ),
          ]),
        )
        .orderBy('i.occurred_at_utc')
        .orderBy('i.id')
        .execute();
      return rows.map((r) => incidentFactsOf(r as IncidentRow));
    },
    analysisRuns: (id) => runs.listForIncident(id),
    typeInfo,
    periodStats: (from, to) => computeStats(statsQueries(db), { fromUtc: from, toUtc: to }, undefined),
    latestCheckpoint,
  };
  const caseSource: CaseSource = {
    ...dossier,
    async incidentIdsInScope(from, to, model) {
      let q = db
        .selectFrom('incidents as i')
        .select('i.id')
        .where('i.occurred_at_utc', '>=', from)
        .where('i.occurred_at_utc', '<', to);
      // The same predicate as the statistics' model filter (infra/registry/stats-queries.ts).
      if (model)
        q = q.where((eb) =>
          eb.or([
            eb('i.identified_type', '=', model),
            eb.and([eb('i.identified_type', 'is', null), eb('i.model_claimed_id', '=', model)]),
          ]),
        );
      const rows = await q.orderBy('i.occurred_at_utc').orderBy('i.id').execute();
      return rows.map((r) => r.id);
    },
    scopeStats: (from, to, model, launches) =>
      computeStats(
        statsQueries(db),
        { fromUtc: from, toUtc: to, ...(model ? { modelId: model } : {}) },
        'target_region',
        { missingData: launches !== null, ...(launches !== null ? { launches } : {}) },
      ),
  };
  return { dossier, bulletin, case: caseSource };
}
