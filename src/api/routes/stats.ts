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
  summary:
    'Interception and failure rates with 95 % Wilson intervals, optionally missing-data bounds and monthly trends (as `salvo stats --json`)',
  request: { query: StatsQuery },
  responses: {
    200: { description: 'Statistics', content: { 'application/json': { schema: StatsReport } } },
    ...errorResponses(400, 401, 404),
  },
});

/** Launches of unknown outcome, groups and total together, beyond which missingData is refused (see below). */
export const MISSING_DATA_MAX_UNKNOWN = 20_000;

export function statsRoutes(deps: ApiDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(stats, async (c) => {
    const p = mayRead(c, deps);
    const q = c.req.valid('query');
    let modelId: string | undefined;
    if (q.model) {
      modelId = await deps.stats.resolveModel(q.model);
      if (!modelId) fail('NOT_FOUND', `model '${q.model}' is not a model or alias in the store`, 'model');
    }
    if (q.trend && q.by !== 'model') fail('INVALID_INPUT', 'trend needs by=model', 'trend');
    if (q.launches !== undefined && !q.missingData)
      fail('INVALID_INPUT', 'launches goes with missingData=true', 'launches');
    const filter = {
      ...(q.from ? { fromUtc: q.from } : {}),
      ...(q.to ? { toUtc: q.to } : {}),
      ...(modelId ? { modelId } : {}),
    };
    const options = {
      trend: Boolean(q.trend),
      ...(q.launches !== undefined ? { launches: q.launches } : {}),
    };
    let report = await computeStats(deps.stats, filter, q.by, options);
    if (q.missingData) {
      // The Bayesian estimate sums over every possible count of failures among the unknown outcomes (about
      // 0.2 s at 20,000 of them, on the server's one event loop): beyond that, refuse rather than stall every
      // other request; the CLI has no such limit.
      const { groups, total } = report.incidents;
      const unknown =
        groups.reduce((n, g) => n + g.count - g.knownOutcomes, 0) +
        Math.max(q.launches ?? 0, total.count) -
        total.knownOutcomes;
      if (unknown > MISSING_DATA_MAX_UNKNOWN)
        fail(
          'INVALID_INPUT',
          `missingData is computed for at most ${MISSING_DATA_MAX_UNKNOWN} launches of unknown outcome (groups and total together; these have ${unknown}): narrow the filter, or run salvo stats --missing-data`,
          'missingData',
        );
      report = await computeStats(deps.stats, filter, q.by, { ...options, missingData: true });
    }
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
