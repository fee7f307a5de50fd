import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role } from '../contract/index.js';
import { ANONYMOUS, atLeast, type Principal } from '../infra/auth/roles.js';
import { csrfTokenOf, sameHash, sha256Text } from '../infra/auth/secrets.js';
import type { ApiDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { fail } from './errors.js';

export const SESSION_COOKIE = 'salvo_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who is asking: a bearer token (`Authorization: Bearer salvo_...`), else a session cookie, else nobody.
 * Cookie-authenticated state-changing requests must carry the session's CSRF token in X-CSRF-Token and, when
 * the browser sends an Origin, come from this very origin. On a --public-read-only instance every request is
 * anonymous. Bad credentials are refused (401), never silently downgraded to anonymous.
 */
export function authenticate(deps: ApiDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let principal: Principal = ANONYMOUS;
    if (!deps.options.publicReadOnly) {
      const auth = c.req.header('authorization');
      const cookie = getCookie(c, SESSION_COOKIE);
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        const p = m ? await deps.accounts.principalOfToken(m[1]!) : undefined;
        if (!p) fail('UNAUTHENTICATED', 'invalid, expired or revoked bearer token');
        principal = p!;
      } else if (cookie !== undefined) {
        const s = await deps.accounts.session(cookie);
        if (!s) fail('UNAUTHENTICATED', 'session expired or unknown: sign in again');
        if (UNSAFE.has(c.req.method)) {
          const token = c.req.header(CSRF_HEADER);
          if (token === undefined || !sameHash(sha256Text(token), s!.csrfHash))
            fail(
              'FORBIDDEN',
              'missing or wrong X-CSRF-Token for a cookie-authenticated request',
              CSRF_HEADER,
            );
          const origin = c.req.header('origin');
          if (origin !== undefined && origin !== new URL(c.req.url).origin)
            fail('FORBIDDEN', 'cross-origin request refused', 'origin');
        }
        principal = s!.principal;
        // Sessions made before the token was derived from the cookie keep their random token (not re-derivable).
        const derived = csrfTokenOf(cookie);
        if (sameHash(sha256Text(derived), s!.csrfHash)) c.set('csrfToken', derived);
      }
    }
    c.set('principal', principal);
    await next();
  };
}

/** Reading the registry, statistics and (public) items: any user, or anyone on a public read-only instance. */
export function mayRead(c: Context<AppEnv>, deps: ApiDeps): Principal {
  const p = c.get('principal');
  if (p.role === 'anonymous' && !deps.options.publicReadOnly)
    fail('UNAUTHENTICATED', 'sign in or send a bearer token');
  return p;
}

/** A write or an administrative read: at least `role`, never on a public read-only instance. */
export function must(c: Context<AppEnv>, deps: ApiDeps, role: Role): Principal {
  if (deps.options.publicReadOnly) fail('FORBIDDEN', 'this instance is public and read-only');
  const p = c.get('principal');
  if (p.role === 'anonymous') fail('UNAUTHENTICATED', 'sign in or send a bearer token');
  if (!atLeast(p, role)) fail('FORBIDDEN', `needs the ${role} role (you are ${p.role})`);
  return p;
}
