import { isDeepStrictEqual } from 'node:util';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AnalysisRun as StoredRun } from '../../cases/analysis-run.js';
import {
  AnalysisQuery,
  AnalysisRunList,
  ComponentList,
  FindingList,
  GeoJsonFeatureCollection,
  IdParam,
  RunIdParam,
  type AnalysisRun,
} from '../../contract/index.js';
import { replayReconstruction, type ReconstructionConfig } from '../../infra/cases/replay-reconstruction.js';
import { reportSources } from '../../infra/reports/report-source.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { RECONSTRUCTION_METHOD } from '../../reconstruction/index.js';
import { identificationFinding, topCandidateOf } from '../../reports/findings.js';
import { redactIdentifiers } from '../../reports/redaction.js';
import { earliestAssembly } from '../../tracing/model/assembly.js';
import type { Component } from '../../tracing/model/component.js';
import { mayRead } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { errorResponses, fail, validationHook } from '../errors.js';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const analyses = createRoute({
  method: 'get',
  path: '/incidents/{id}/analyses',
  tags: ['analysis'],
  summary: "The incident's stored reconstructions and identifications, newest first",
  request: { params: IdParam, query: AnalysisQuery },
  responses: { 200: json(AnalysisRunList, 'Analysis runs'), ...errorResponses(400, 401, 404) },
});
const geojson = createRoute({
  method: 'get',
  path: '/analyses/{id}/geojson',
  tags: ['analysis'],
  summary:
    'GeoJSON of a stored reconstruction: trajectory (with timesS per vertex), launch/impact points and 95 % ellipses, breakup, observations',
  request: { params: RunIdParam },
  responses: {
    200: {
      description: 'FeatureCollection',
      content: { 'application/geo+json': { schema: GeoJsonFeatureCollection } },
    },
    ...errorResponses(400, 401, 404, 415, 422),
  },
});
const components = createRoute({
  method: 'get',
  path: '/incidents/{id}/components',
  tags: ['analysis'],
  summary:
    'Components recovered from the evidence items the caller may see, and the earliest assembly date from those alone',
  request: { params: IdParam },
  responses: { 200: json(ComponentList, 'Components'), ...errorResponses(400, 401, 404) },
});
const findings = createRoute({
  method: 'get',
  path: '/incidents/{id}/findings',
  tags: ['analysis'],
  summary: 'Findings (stored identifications, newest first) and the legal provisions they bear on',
  request: { params: IdParam },
  responses: { 200: json(FindingList, 'Findings'), ...errorResponses(400, 401, 404) },
});

const present = (r: StoredRun): AnalysisRun => ({
  id: r.id,
  kind: r.kind,
  incident: r.incidentId,
  createdAt: r.createdAt,
  methodName: r.methodName,
  methodVersion: r.methodVersion,
  config: r.config,
  inputSha256: r.inputSha256,
  result: r.result as AnalysisRun['result'],
  hasGeoJson: r.geojson !== undefined,
});

/** The component without its log index (the custody event is the item's business, not the map's). */
const componentOut = ({ event: _event, ...c }: Component) => c;

/** Replays of runs stored without their GeoJSON, kept per process (a replay is a full fit: seconds). */
const REPLAY_CACHE = 16;

export function analysisRoutes(deps: ApiDeps) {
  const sources = reportSources(deps.readDb);
  const replays = new Map<string, Promise<unknown>>();
  const incidentOr404 = async (id: string) => {
    if (!(await deps.registry.getIncident(id))) fail('NOT_FOUND', `no incident '${id}'`, 'id');
  };

  /** The stored GeoJSON, or a replay of the stored input checked against the stored result. */
  function geojsonOf(run: StoredRun): Promise<unknown> {
    if (run.geojson !== undefined) return Promise.resolve(run.geojson);
    let p = replays.get(run.id);
    if (!p) {
      p = (async () => {
        const again = await replayReconstruction(run.input, run.config as ReconstructionConfig);
        const core = (x: unknown) => {
          const r = JSON.parse(JSON.stringify(x)) as Record<string, unknown>;
          return [r.launch, r.impact, r.breakup, r.profile];
        };
        if (!isDeepStrictEqual(core(again.result), core(run.result)))
          throw new SalvoFailure(
            run.methodVersion !== RECONSTRUCTION_METHOD.version
              ? // Another method's run: a difference is that method's, not a sign of tampering (ADR 0009).
                salvoError(
                  'UNSUPPORTED',
                  `${run.id} was stored by reconstruction method ${run.methodVersion}; this server runs ${RECONSTRUCTION_METHOD.version}, which gives a different flight for it, so it cannot redraw that run's trajectory`,
                )
              : salvoError(
                  'INTEGRITY',
                  `replaying ${run.id} from its stored input does not give its stored result (salvo replay ${run.id})`,
                ),
          );
        return again.geojson;
      })();
      p.catch(() => replays.delete(run.id));
      if (replays.size >= REPLAY_CACHE) replays.delete(replays.keys().next().value!);
      replays.set(run.id, p);
    }
    return p;
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(analyses, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      const { kind } = c.req.valid('query');
      await incidentOr404(id);
      const runs = await deps.runs.listForIncident(id, kind);
      const hidden = await deps.evidence.hiddenIdentifiers(
        p,
        id,
        runs.map((r) => r.inputSha256),
      );
      return c.json(redactIdentifiers({ items: runs.map(present) }, hidden), 200);
    })
    .openapi(geojson, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      const run = await deps.runs.get(id);
      if (!run || run.kind !== 'reconstruction')
        return fail('NOT_FOUND', `no stored reconstruction '${id}'`, 'id');
      const hidden = await deps.evidence.hiddenIdentifiers(p, run.incidentId ?? null, [run.inputSha256]);
      const body = redactIdentifiers((await geojsonOf(run)) as GeoJsonFeatureCollection, hidden);
      return c.json(body, 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });
    })
    .openapi(components, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      await incidentOr404(id);
      const list = await deps.evidence.componentsOfIncident(p, id);
      const bound = earliestAssembly(list);
      return c.json(
        {
          items: list.map(componentOut),
          earliestAssembly: bound
            ? {
                notBefore: bound.notBefore,
                considered: bound.considered,
                setBy: bound.setBy.map(componentOut),
                excluded: [...bound.excluded],
                sentence: bound.sentence,
              }
            : null,
        },
        200,
      );
    })
    .openapi(findings, async (c) => {
      const p = mayRead(c, deps);
      const { id } = c.req.valid('param');
      await incidentOr404(id);
      const runs = await deps.runs.listForIncident(id, 'identification');
      const hidden = await deps.evidence.hiddenIdentifiers(
        p,
        id,
        runs.map((r) => r.inputSha256),
      );
      const items = [];
      for (const run of runs) {
        const top = topCandidateOf(run);
        const f = identificationFinding(run, top ? await sources.dossier.typeInfo(top) : undefined);
        if (f) items.push(f);
      }
      return c.json(redactIdentifiers({ items }, hidden), 200);
    });
}
