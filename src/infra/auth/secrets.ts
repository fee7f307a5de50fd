import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random secrets for tokens, sessions and CSRF; only their SHA-256 is ever stored. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const randomId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`;

export const sha256Text = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * A session's CSRF token, derived from its cookie (SHA-256 with a domain-separation prefix): the server can hand
 * it out again (`GET /api/auth/me`) without storing it, and knowing it reveals nothing of the HttpOnly cookie.
 */
export const csrfTokenOf = (cookie: string): string =>
  createHash('sha256').update(`salvo-csrf\u001f${cookie}`, 'utf8').digest('base64url');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Bearer tokens: `salvo_<id>_<secret>`: the id finds the row, the secret is checked against its hash. */
export function makeToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  const secret = randomSecret();
  return { id, secret, token: `salvo_${id}_${secret}` };
}

export function parseToken(token: string): { id: string; secret: string } | undefined {
  const m = /^salvo_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}
