import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppType } from '../../src/api/app.js';
import { buildWorld, type World } from './world.js';

/** issue-6/7: the web UI's typed client `hc<AppType>` against the app (no socket). */
describe('issue-6: typed client', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld('sqlite');
  });
  afterAll(async () => w?.cleanup());

  it('calls routes with typed inputs and outputs', async () => {
    const token = w.callers.find((c) => c.role === 'viewer')!.token!;
    const client = hc<AppType>('http://localhost', {
      fetch: (input: string | URL | Request, init?: RequestInit) =>
        Promise.resolve(w.app.request(input, init)),
      headers: { authorization: `Bearer ${token}` },
    });
    const res = await client.api.incidents.$get({
      query: { bbox: '30,46,40,52', limit: '3', sort: '-occurred_at' },
    });
    expect(res.status).toBe(200);
    if (res.status === 200) {
      const page = await res.json();
      expect(page.items.length).toBe(3);
      expect(page.items[0]!.occurredAt >= page.items[1]!.occurredAt).toBe(true);
    }
    const one = await client.api.evidence[':id'].$get({ param: { id: w.items.public.id } });
    expect(one.status).toBe(200);
    if (one.status === 200) expect((await one.json()).sensitivity).toBe('public');
    const hidden = await client.api.evidence[':id'].$get({ param: { id: w.items.restricted.id } });
    expect(hidden.status).toBe(404);
    const me = await client.api.auth.me.$get();
    expect((await me.json()).role).toBe('viewer');
  });
});
