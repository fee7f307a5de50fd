import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import type { ApiDeps } from './deps.js';

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  /** Graceful shutdown: stop accepting, let in-flight requests (writes included) finish, then close the store. */
  close(graceMs?: number): Promise<void>;
}

/** Serves the API on host:port (port 0 picks a free one). */
export async function startServer(
  deps: ApiDeps,
  opts: { host: string; port: number },
): Promise<RunningServer> {
  const app = createApp(deps);
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const counted = async (req: Request, env: unknown): Promise<Response> => {
    inFlight++;
    try {
      return await app.fetch(req, env);
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  };
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: counted, hostname: opts.host, port: opts.port }, () => resolve(s as Server));
    (s as Server).once('error', reject);
  });
  // Slow clients must not hold a socket forever (headers 30 s, a whole request 1 h for large uploads).
  server.headersTimeout = 30_000;
  server.requestTimeout = 3_600_000;
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${addr.port}`,
    server,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        deps.lifecycle.draining = true;
        deps.logger.info({ inFlight }, 'shutting down: draining in-flight requests');
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (idle = r));
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
        if ((await Promise.race([drained, timer])) === 'timeout') {
          deps.logger.warn({ inFlight }, 'grace period over: closing remaining connections');
          server.closeAllConnections();
        } else {
          // Responses are still being written: let each connection go idle (its response flushed), then close it.
          const sweep = setInterval(() => server.closeIdleConnections(), 25);
          const last = setTimeout(() => server.closeAllConnections(), 5_000).unref();
          await closed;
          clearInterval(sweep);
          clearTimeout(last);
        }
        await closed;
        await deps.close();
        deps.logger.info('stopped');
      })();
      return closing;
    },
  };
}
