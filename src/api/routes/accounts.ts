import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  AccessLogPage,
  AccessLogQuery,
  CreatedToken,
  LoginBody,
  LoginResult,
  Me,
  NewToken,
  NewUser,
  Ok,
  User,
  UserList,
  UserNameParam,
} from '../../contract/index.js';
import { capabilities, scopeOf, type Principal } from '../../infra/auth/roles.js';
import { accessLogPage } from '../../infra/auth/access-log.js';
import { SESSION_COOKIE, must } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { ApiFailure, errorResponses, fail, validationHook } from '../errors.js';

/** The peer address of the request's socket (Node server); 'unknown' when there is none (in-process tests). */
function clientAddress(c: { env: unknown }): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const meOf = (p: Principal) => ({ user: p.name, role: p.role, via: p.via, can: capabilities(p) });

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['accounts'],
  summary:
    'Sign in: sets an HttpOnly, Secure, SameSite=Strict session cookie and returns the CSRF token; 429 with Retry-After after repeated failures',
  request: body(LoginBody),
  responses: { 200: json(LoginResult, 'Signed in'), ...errorResponses(400, 401, 403, 415, 429) },
});
const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['accounts'],
  summary: 'Sign out (ends the session)',
  responses: { 200: json(Ok, 'Signed out'), ...errorResponses(401, 403) },
});
const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['accounts'],
  summary: 'Who am I and what may I do',
  responses: { 200: json(Me, 'The caller') },
});
const listUsers = createRoute({
  method: 'get',
  path: '/users',
  tags: ['accounts'],
  summary: 'Users (admin)',
  responses: { 200: json(UserList, 'Users'), ...errorResponses(401, 403) },
});
const addUser = createRoute({
  method: 'post',
  path: '/users',
  tags: ['accounts'],
  summary: 'Add a user (admin)',
  request: body(NewUser),
  responses: { 201: json(User, 'Added'), ...errorResponses(400, 401, 403, 409, 413, 415) },
});
const disableUser = createRoute({
  method: 'post',
  path: '/users/{name}/disable',
  tags: ['accounts'],
  summary: 'Disable a user: ends their sessions and revokes their tokens (admin)',
  request: { params: UserNameParam },
  responses: { 200: json(User, 'Disabled'), ...errorResponses(400, 401, 403, 404) },
});
const createToken = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['accounts'],
  summary: 'Create a bearer token for yourself (shown once)',
  request: body(NewToken),
  responses: { 201: json(CreatedToken, 'Created'), ...errorResponses(400, 401, 403, 413, 415) },
});
const accessLog = createRoute({
  method: 'get',
  path: '/access-log',
  tags: ['accounts'],
  summary: 'Reads of restricted and sealed items, newest first (admin)',
  request: { query: AccessLogQuery },
  responses: { 200: json(AccessLogPage, 'Access log'), ...errorResponses(400, 401, 403) },
});

export function accountRoutes(deps: ApiDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(login, async (c) => {
      if (deps.options.publicReadOnly) fail('FORBIDDEN', 'this instance is public and read-only');
      const { user, password } = c.req.valid('json');
      const address = clientAddress(c);
      const verdict = deps.loginThrottle.check(user, address);
      if (!verdict.allowed) {
        c.get('log').warn({ user, address, by: verdict.by }, 'sign-in refused: too many failures');
        throw new ApiFailure(
          'RATE_LIMITED',
          `too many failed sign-ins ${verdict.by === 'user' ? 'for this user name' : 'from this address'}; try again in ${verdict.retryAfterS} s`,
          [],
          { 'Retry-After': String(verdict.retryAfterS) },
        );
      }
      const u = await deps.accounts.login(user, password);
      if (!u) {
        deps.loginThrottle.failed(user, address);
        c.get('log').info({ user, address }, 'sign-in failed');
        fail('UNAUTHENTICATED', 'wrong user name or password, or the account is disabled');
      }
      deps.loginThrottle.succeeded(user);
      const s = await deps.accounts.createSession(u!.id, deps.options.sessionHours);
      setCookie(c, SESSION_COOKIE, s.cookie, {
        httpOnly: true,
        secure: deps.options.secureCookies,
        sameSite: 'Strict',
        path: '/',
        maxAge: deps.options.sessionHours * 3600,
      });
      const p: Principal = { userId: u!.id, name: u!.name, role: u!.role, via: 'session' };
      c.get('log').info({ user: u!.name }, 'signed in');
      return c.json({ ...meOf(p), csrfToken: s.csrfToken, expiresAt: s.expiresAt }, 200);
    })
    .openapi(logout, async (c) => {
      const p = must(c, deps, 'viewer');
      const cookie = getCookie(c, SESSION_COOKIE);
      if (p.via === 'session' && cookie) await deps.accounts.endSession(cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.options.secureCookies });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(me, (c) => {
      const p = c.get('principal');
      const csrfToken = p.via === 'session' ? c.get('csrfToken') : undefined;
      return c.json({ ...meOf(p), ...(csrfToken ? { csrfToken } : {}) }, 200);
    })
    .openapi(listUsers, async (c) => {
      must(c, deps, 'admin');
      const users = await deps.accounts.listUsers();
      return c.json(
        {
          items: users.map((u) => ({
            name: u.name,
            role: u.role,
            disabled: u.disabled,
            createdAt: u.createdAt,
          })),
        },
        200,
      );
    })
    .openapi(addUser, async (c) => {
      const p = must(c, deps, 'admin');
      const b = c.req.valid('json');
      const u = await deps.accounts.addUser(b);
      c.get('log').info({ by: p.name, user: u.name, role: u.role }, 'user added');
      return c.json({ name: u.name, role: u.role, disabled: u.disabled, createdAt: u.createdAt }, 201);
    })
    .openapi(disableUser, async (c) => {
      const p = must(c, deps, 'admin');
      const { name } = c.req.valid('param');
      const u = await deps.accounts.setDisabled(name, true);
      c.get('log').info({ by: p.name, user: u.name }, 'user disabled');
      return c.json({ name: u.name, role: u.role, disabled: u.disabled, createdAt: u.createdAt }, 200);
    })
    .openapi(createToken, async (c) => {
      const p = must(c, deps, 'viewer');
      const b = c.req.valid('json');
      const t = await deps.accounts.createToken(p.name, b.label, b.expiresInDays);
      c.get('log').info({ user: p.name, tokenId: t.id }, 'token created');
      return c.json({ id: t.id, token: t.token, label: b.label, expiresAt: t.expiresAt }, 201);
    })
    .openapi(accessLog, async (c) => {
      const p = must(c, deps, 'admin');
      return c.json(await accessLogPage(deps.readDb, scopeOf(p), c.req.valid('query')), 200);
    });
}
