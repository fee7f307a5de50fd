import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { Migrator } from 'kysely';
import { Health, Readiness } from '../../contract/index.js';
import { MIGRATIONS } from '../../infra/db/migrations/index.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { validationHook } from '../errors.js';

export const VERSION = '0.1.0';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness: the process answers',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Health } } } },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['system'],
  summary: 'Readiness: the store answers, its schema is current, the server is not draining',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Readiness } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: Readiness } } },
  },
});

export function systemRoutes(deps: ApiDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(health, (c) => c.json({ status: 'ok' as const, version: VERSION }, 200))
    .openapi(ready, async (c) => {
      const checks: Record<string, 'ok' | 'failed'> = {};
      try {
        await sql`select 1`.execute(deps.store.db);
        await sql`select 1`.execute(deps.readDb);
        checks.database = 'ok';
      } catch {
        checks.database = 'failed';
      }
      try {
        const migrator = new Migrator({
          db: deps.store.db,
          provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
        });
        const all = await migrator.getMigrations();
        checks.schema = all.every((m) => m.executedAt !== undefined) ? 'ok' : 'failed';
      } catch {
        checks.schema = 'failed';
      }
      checks.accepting = deps.lifecycle.draining ? 'failed' : 'ok';
      const isReady = Object.values(checks).every((v) => v === 'ok');
      const body = {
        status: isReady ? ('ready' as const) : ('not_ready' as const),
        engine: deps.store.engine,
        checks,
      };
      return isReady ? c.json(body, 200) : c.json(body, 503);
    });
}
