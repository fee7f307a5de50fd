import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from './world.js';

/** issue-6: web sessions: cookie attributes, CSRF on state-changing requests, sign-out. */
describe('issue-6: sessions and CSRF', () => {
  let w: World;
  const password = 'a sufficiently long password';
  beforeAll(async () => {
    w = await buildWorld('sqlite');
    await w.deps.accounts.addUser({ name: 'web-admin', role: 'admin', password });
  });
  afterAll(async () => w?.cleanup());

  const login = async () => {
    const res = await w.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'web-admin', password }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    const body = (await res.json()) as { csrfToken: string; role: string };
    return { setCookie, cookie: setCookie.split(';')[0]!, csrf: body.csrfToken, body };
  };

  it('sets an HttpOnly, Secure, SameSite=Strict cookie and never returns the password', async () => {
    const { setCookie, body } = await login();
    expect(setCookie).toMatch(/^salvo_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(JSON.stringify(body)).not.toContain(password);
    expect(body.role).toBe('admin');
  });

  it('reads with the cookie alone; writes need the CSRF token and the same origin', async () => {
    const { cookie, csrf } = await login();
    expect((await w.app.request('/api/users', { headers: { cookie } })).status).toBe(200);
    const post = (headers: Record<string, string>) =>
      w.app.request('http://localhost/api/tokens', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ label: 'web' }),
      });
    const without = await post({});
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect((await post({ 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrf, origin: 'http://localhost' })).status).toBe(201);
    expect((await post({ 'x-csrf-token': csrf })).status).toBe(201);
  });

  it('wrong passwords and unknown users fail alike; sign-out ends the session', async () => {
    for (const body of [
      { user: 'web-admin', password: 'not the password' },
      { user: 'nobody-at-all', password },
    ]) {
      const res = await w.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'wrong user name or password, or the account is disabled',
      );
    }
    const { cookie, csrf } = await login();
    const out = await w.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(200);
    expect((await w.app.request('/api/users', { headers: { cookie } })).status).toBe(401);
  });

  it('stores only hashes of passwords, tokens and sessions', async () => {
    const { cookie } = await login();
    const secret = cookie.split('=')[1]!;
    const db = w.es.store.db;
    const dump = JSON.stringify([
      await db.selectFrom('users').selectAll().execute(),
      await db.selectFrom('api_tokens').selectAll().execute(),
      await db.selectFrom('web_sessions').selectAll().execute(),
    ]);
    expect(dump).not.toContain(password);
    expect(dump).not.toContain(secret);
    for (const c of w.callers) if (c.token) expect(dump).not.toContain(c.token.slice('salvo_'.length + 13));
    expect(dump).toMatch(/scrypt\$32768\$8\$1\$/);
  });
  it('locks a user name after 5 wrong passwords (429, Retry-After), even against the right one; others still sign in', async () => {
    const right = 'the right password for the locked user';
    await w.deps.accounts.addUser({ name: 'locked-user', role: 'viewer', password: right });
    const attempt = (user: string, pw: string) =>
      w.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user, password: pw }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('locked-user', `guess ${i}`)).status).toBe(401);
    const locked = await attempt('locked-user', right);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    const body = (await locked.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/too many failed sign-ins for this user name; try again in \d+ s/);
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect((await login()).body.role).toBe('admin');
  });

  it('purges expired sessions at each sign-in', async () => {
    const user = await w.deps.store.db
      .selectFrom('users')
      .select('id')
      .where('name', '=', 'web-admin')
      .executeTakeFirstOrThrow();
    await w.deps.store.db
      .insertInto('web_sessions')
      .values({
        id: 'expired-session-id',
        user_id: user.id,
        csrf_hash: 'x',
        created_at: '2020-01-01T00:00:00.000Z',
        expires_at: '2020-01-01T12:00:00.000Z',
      })
      .execute();
    await login();
    const left = await w.deps.store.db
      .selectFrom('web_sessions')
      .select('id')
      .where('id', '=', 'expired-session-id')
      .execute();
    expect(left).toEqual([]);
  });
});
