import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { StatsQuery, StatsReport } from '../../contract/index.js';
import { computeStats } from '../../registry/services/stats.js';
import { mayRead } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { errorResponses, fail, validationHook } from '../errors.js';

const stats = createRoute({
  method: 'get',
  path: '/stats',
  tags: ['statistics'],
  summary: 'Interception and failure rates with 95 % Wilson intervals (as `salvo stats --json`)',
  request: { query: StatsQuery },
  responses: {
    200: { description: 'Statistics', content: { 'application/json': { schema: StatsReport } } },
    ...errorResponses(400, 401, 404),
  },
});

export function statsRoutes(deps: ApiDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(stats, async (c) => {
    const p = mayRead(c, deps);
    const q = c.req.valid('query');
    let modelId: string | undefined;
    if (q.model) {
      modelId = await deps.stats.resolveModel(q.model);
      if (!modelId) fail('NOT_FOUND', `model '${q.model}' is not a model or alias in the store`, 'model');
    }
    const report = await computeStats(
      deps.stats,
      {
        ...(q.from ? { fromUtc: q.from } : {}),
        ...(q.to ? { toUtc: q.to } : {}),
        ...(modelId ? { modelId } : {}),
      },
      q.by,
    );
    const visibleItems = await deps.evidence.countVisible(p);
    return c.json(
      {
        ...report,
        reports: { groups: [...report.reports.groups], total: report.reports.total },
        incidents: { groups: [...report.incidents.groups], total: report.incidents.total },
        evidence: { visibleItems },
      } as StatsReport,
      200,
    );
  });
}
