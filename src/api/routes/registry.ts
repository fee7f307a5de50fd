import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  AttackReport,
  AttackReportPage,
  AttackReportQuery,
  BoundaryCollection,
  IdParam,
  Incident,
  IncidentPage,
  IncidentPoints,
  IncidentPointsQuery,
  IncidentQuery,
  INCIDENT_POINTS_CAP,
  SourceList,
} from '../../contract/index.js';
import { registryStore } from '../../infra/registry/kysely-registry-store.js';
import { mayRead } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { errorResponses, fail, validationHook } from '../errors.js';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const listIncidents = createRoute({
  method: 'get',
  path: '/incidents',
  tags: ['registry'],
  summary: 'Incidents: filter by bbox, time, model, outcome, region; sort; keyset pages',
  request: { query: IncidentQuery },
  responses: { 200: json(IncidentPage, 'A page of incidents'), ...errorResponses(400, 401) },
});
const incidentPoints = createRoute({
  method: 'get',
  path: '/incidents/points',
  tags: ['registry'],
  summary: `Every matching incident (up to ${INCIDENT_POINTS_CAP}) as columns, for the map: one request, gzip when accepted`,
  request: { query: IncidentPointsQuery },
  responses: { 200: json(IncidentPoints, 'Incident columns'), ...errorResponses(400, 401) },
});
const getIncident = createRoute({
  method: 'get',
  path: '/incidents/{id}',
  tags: ['registry'],
  summary: 'One incident',
  request: { params: IdParam },
  responses: { 200: json(Incident, 'The incident'), ...errorResponses(400, 401, 404) },
});
const listReports = createRoute({
  method: 'get',
  path: '/attack-reports',
  tags: ['registry'],
  summary: 'Air Force attack reports: filter by time, model, region; sort; keyset pages',
  request: { query: AttackReportQuery },
  responses: { 200: json(AttackReportPage, 'A page of reports'), ...errorResponses(400, 401) },
});
const getReport = createRoute({
  method: 'get',
  path: '/attack-reports/{id}',
  tags: ['registry'],
  summary: 'One attack report with its places',
  request: { params: IdParam },
  responses: { 200: json(AttackReport, 'The report'), ...errorResponses(400, 401, 404) },
});
const listSources = createRoute({
  method: 'get',
  path: '/sources',
  tags: ['registry'],
  summary: 'Every imported file with its SHA-256',
  responses: { 200: json(SourceList, 'Sources'), ...errorResponses(401) },
});

const boundaries = createRoute({
  method: 'get',
  path: '/boundaries',
  tags: ['registry'],
  summary: 'Imported admin boundaries (salvo import boundaries), simplified to ~100 m, as GeoJSON',
  responses: { 200: json(BoundaryCollection, 'Boundaries'), ...errorResponses(401) },
});

export function registryRoutes(deps: ApiDeps) {
  const sources = registryStore({ ...deps.store, db: deps.readDb, sqlite: undefined }); // listSources only
  return (
    new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
      .openapi(listIncidents, async (c) => {
        mayRead(c, deps);
        return c.json(await deps.registry.listIncidents(c.req.valid('query')), 200);
      })
      // Before /incidents/{id}, which would otherwise take 'points' for an id.
      .openapi(incidentPoints, async (c) => {
        mayRead(c, deps);
        return c.json(await deps.registry.incidentPoints(c.req.valid('query')), 200);
      })
      .openapi(getIncident, async (c) => {
        mayRead(c, deps);
        const { id } = c.req.valid('param');
        const r = await deps.registry.getIncident(id);
        return r ? c.json(r, 200) : fail('NOT_FOUND', `no incident '${id}'`, 'id');
      })
      .openapi(listReports, async (c) => {
        mayRead(c, deps);
        return c.json(await deps.registry.listReports(c.req.valid('query')), 200);
      })
      .openapi(getReport, async (c) => {
        mayRead(c, deps);
        const { id } = c.req.valid('param');
        const r = await deps.registry.getReport(id);
        return r ? c.json(r, 200) : fail('NOT_FOUND', `no attack report '${id}'`, 'id');
      })
      .openapi(listSources, async (c) => {
        mayRead(c, deps);
        return c.json({ items: await sources.listSources() }, 200);
      })
      .openapi(boundaries, async (c) => {
        mayRead(c, deps);
        return c.json(await deps.boundaries(), 200);
      })
  );
}
