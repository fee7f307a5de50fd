import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { apiDeps } from '../../src/api/wiring.js';
import { openServerStore } from '../../src/infra/server/server-store.js';
import { freshStore, type EngineStore } from '../helpers/engines.js';
import { main } from '../../src/cli/main.js';

/** issue-6: one real socket: the API over HTTP, and a graceful shutdown that finishes an in-flight upload. */
describe('issue-6: real-socket smoke test', () => {
  let es: EngineStore;
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    es = await freshStore('sqlite', 'smoke');
    const quiet = { out: () => undefined, err: () => undefined, interactive: false };
    expect(
      await main(['--db', es.url, 'import', 'incidents', 'demo/data/incidents-campaign.csv'], quiet),
    ).toBe(0);
    // The server's own way in: a write connection and a read-only one (ADR 0004).
    const split = await openServerStore(es.url);
    const deps = apiDeps(split.store, {
      readDb: split.readDb,
      close: split.close,
      places: { blobs: join(es.dir, 'blobs'), keys: join(es.dir, 'keys') },
      options: { spoolDir: join(es.dir, 'spool') },
    });
    await deps.accounts.addUser({ name: 'ana', role: 'analyst' });
    token = (await deps.accounts.createToken('ana', 'smoke')).token;
    server = await startServer(deps, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    es?.cleanup().catch(() => undefined);
  });

  it('answers over HTTP with JSON, request ids and security headers', async () => {
    const res = await fetch(`${server.url}/api/incidents?limit=2&sort=-occurred_at`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await res.json()) as { items: unknown[]; nextCursor: string };
    expect(body.items).toHaveLength(2);
    expect(body.nextCursor).toBeTruthy();
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  it('finishes an in-flight upload during shutdown, then refuses connections', async () => {
    const url = new URL(
      `${server.url}/api/evidence?incident=DEMO-2024-02-27-KHK&fileName=slow.bin&sensitivity=public`,
    );
    const chunk = Buffer.alloc(64 * 1024, 7);
    const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      let sent = 0;
      const tick = setInterval(() => {
        req.write(chunk);
        if (++sent === 10) {
          clearInterval(tick);
          req.end();
        }
      }, 30);
      setTimeout(() => void server.close(), 100); // shutdown begins while the body is still streaming
    });
    const r = await done;
    expect(r.status).toBe(201);
    expect((JSON.parse(r.body) as { sizeBytes: number }).sizeBytes).toBe(10 * chunk.length);
    await server.close();
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
