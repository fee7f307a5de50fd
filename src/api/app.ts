import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { randomBytes } from 'node:crypto';
import { authenticate } from './auth.js';
import type { ApiDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { errorBody, onError, validationHook } from './errors.js';
import { accountRoutes } from './routes/accounts.js';
import { reportRoutes } from './routes/reports.js';
import { analysisRoutes } from './routes/analyses.js';
import { evidenceRoutes } from './routes/evidence.js';
import { feedRoutes } from './routes/feed.js';
import { registryRoutes } from './routes/registry.js';
import { statsRoutes } from './routes/stats.js';
import { systemRoutes, VERSION } from './routes/system.js';
import { webStatic } from './web-static.js';

export const OPENAPI_PATH = '/api/openapi.json';

/**
 * The Hono app: routes validate with contract/ schemas, call services and present; every error goes through
 * `onError` (errors.ts), the one mapping to HTTP status + stable code. The typed client is `hc<AppType>`.
 */
export function createApp(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no endpoint ${c.req.method} ${c.req.path}`), 404));

  app.use('*', async (c, next) => {
    const requestId = randomBytes(8).toString('hex');
    const log = deps.logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    const t0 = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const p = c.get('principal');
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - t0) * 10) / 10,
        user: p?.name,
      },
      'request',
    );
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use('/api/*', async (c, next) => {
    // Uploads stream with their own limit (upload.ts); every other body is small JSON.
    if (c.req.method === 'POST' && c.req.path === '/api/evidence') return next();
    return bodyLimit({
      maxSize: deps.options.maxJsonBytes,
      onError: (cc) =>
        cc.json(errorBody('TOO_LARGE', `request body over ${deps.options.maxJsonBytes} bytes`), 413),
    })(c, next);
  });
  app.use('/api/*', authenticate(deps));
  app.use('/feed.atom', authenticate(deps));
  // Large answers travel gzipped when the client accepts it (the map's 100,000 points: ~5 MB -> ~1 MB).
  for (const path of [
    '/api/incidents/points',
    '/api/boundaries',
    '/api/analyses/*',
    '/feed.atom',
    '/assets/*',
    '/',
  ])
    app.use(path, compress());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'salvo token create --user NAME',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'salvo_session',
    description: 'POST /api/auth/login; state-changing requests also send X-CSRF-Token',
  });

  const routes = app
    .route('/', systemRoutes(deps))
    .route('/api', registryRoutes(deps))
    .route('/api', statsRoutes(deps))
    .route('/api', evidenceRoutes(deps))
    .route('/api', analysisRoutes(deps))
    .route('/api', accountRoutes(deps))
    .route('/api', reportRoutes(deps))
    .route('/', feedRoutes(deps));

  // The web UI, after every API route (`salvo serve --web DIR`; default src/web/dist when built).
  if (deps.options.webRoot) {
    const web = webStatic(deps.options.webRoot);
    app.get('/', (c) => web.index(c));
    app.get('/assets/:name', (c) => web.asset(c));
  }

  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Salvo API',
      version: VERSION,
      description:
        'Registry, statistics and evidence locker of Salvo (analysis of past strikes). Errors: {ok:false, error:{code, message, problems}}.',
    },
    security: [{ bearer: [] }, { session: [] }],
  });
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
