import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { FeedQuery } from '../../contract/index.js';
import { atomFeed } from '../../infra/reports/feed.js';
import { mayRead } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { errorResponses, validationHook } from '../errors.js';
import { VERSION } from './system.js';

const feed = createRoute({
  method: 'get',
  path: '/feed.atom',
  tags: ['publishing'],
  summary:
    'Atom feed (RFC 4287) of the bulletin: incidents, reconstructions and findings, most recently updated first; public facts only, never an evidence item',
  request: { query: FeedQuery },
  responses: {
    200: { description: 'The feed', content: { 'application/atom+xml': { schema: z.string() } } },
    ...errorResponses(400, 401),
  },
});

/**
 * `/feed.atom` (issue 8). The bulletin holds registry facts, analyses and statistics and never an evidence item
 * (reports/build-bulletin.ts), so it is the same for every role; who may read it is who may read the registry
 * (any user; anyone on a --public-read-only instance).
 */
export function feedRoutes(deps: ApiDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(feed, async (c) => {
    mayRead(c, deps);
    const q = c.req.valid('query');
    const latest = await deps.readDb
      .selectFrom('incidents')
      .select(sql<string | null>`max(occurred_at_utc)`.as('t'))
      .executeTakeFirst();
    const run = await deps.readDb
      .selectFrom('analysis_runs')
      .select(sql<string | null>`max(created_at)`.as('t'))
      .executeTakeFirst();
    const last = [latest?.t, run?.t]
      .filter((t): t is string => !!t)
      .sort()
      .at(-1);
    const end = last ? new Date(Date.parse(last) + 1) : new Date();
    const origin = new URL(c.req.url).origin;
    const xml = await atomFeed(deps.readDb, {
      selfUrl: `${origin}/feed.atom`,
      siteUrl: `${origin}/#`,
      from: new Date(end.getTime() - q.days * 86_400_000).toISOString(),
      to: end.toISOString(),
      limit: q.limit,
      generator: { name: 'Salvo', version: VERSION },
      ...(q.tags ? { tags: q.tags.split(',') } : {}),
    });
    return c.body(xml, 200, {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'private, max-age=60',
    });
  });
}
