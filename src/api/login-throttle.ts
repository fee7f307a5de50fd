/**
 * Throttles password guessing at POST /api/auth/login (OWASP Authentication Cheat Sheet: "account lockout"
 * with an exponential delay rather than a permanent lock, so an attacker cannot lock a real user out for good).
 *
 * Failures are counted per user name (case-folded) and, separately and more loosely, per client address (one
 * address trying many names). After `freeFailures` consecutive failures of a key, that key is locked for
 * `baseLockS * 2^(failures - freeFailures)` seconds, capped at `maxLockS`. A locked attempt is refused with 429
 * and Retry-After BEFORE the password is checked, so it costs no scrypt work and reveals nothing about the
 * password. A success clears the user-name key only (one account's success must not reopen guessing at others
 * from the same address). A key with no failure for `forgetAfterS` starts again from zero.
 *
 * In memory, per server process: a restart forgets the counts (stated in docs/server.md). Bounded: at most
 * `maxKeys` keys; beyond that the least recently touched are dropped (Map keeps insertion order, and a touch
 * re-inserts), so random user names cannot grow the map without limit.
 */
export interface LoginThrottleOptions {
  readonly freeFailures: number;
  readonly addressFreeFailures: number;
  readonly baseLockS: number;
  readonly maxLockS: number;
  readonly forgetAfterS: number;
  readonly maxKeys: number;
  /** Milliseconds since the epoch (injected for tests). */
  readonly nowMs: () => number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeFailures: 5,
  addressFreeFailures: 30,
  baseLockS: 30,
  maxLockS: 15 * 60,
  forgetAfterS: 60 * 60,
  maxKeys: 10_000,
  nowMs: () => Date.now(),
};

export type ThrottleVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterS: number; readonly by: 'user' | 'address' };

export interface LoginThrottle {
  check(user: string, address: string): ThrottleVerdict;
  failed(user: string, address: string): void;
  succeeded(user: string): void;
}

interface Entry {
  failures: number;
  lastFailureMs: number;
  lockedUntilMs: number;
}

export function createLoginThrottle(options: Partial<LoginThrottleOptions> = {}): LoginThrottle {
  const o = { ...DEFAULT_LOGIN_THROTTLE, ...options };
  const entries = new Map<string, Entry>();
  const userKey = (u: string): string => `u:${u.normalize('NFC').toLowerCase()}`;
  const addressKey = (a: string): string => `a:${a}`;

  const live = (key: string, now: number): Entry | undefined => {
    const e = entries.get(key);
    if (e && now - e.lastFailureMs > o.forgetAfterS * 1000 && now >= e.lockedUntilMs) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  const fail = (key: string, free: number, now: number): void => {
    const e = live(key, now) ?? { failures: 0, lastFailureMs: now, lockedUntilMs: 0 };
    e.failures++;
    e.lastFailureMs = now;
    if (e.failures >= free) {
      const lockS = Math.min(o.maxLockS, o.baseLockS * 2 ** (e.failures - free));
      e.lockedUntilMs = now + lockS * 1000;
    }
    entries.delete(key); // re-insert: most recently touched last
    entries.set(key, e);
    while (entries.size > o.maxKeys) entries.delete(entries.keys().next().value!);
  };

  const lockOf = (key: string, now: number): number => {
    const e = live(key, now);
    return e && e.lockedUntilMs > now ? Math.ceil((e.lockedUntilMs - now) / 1000) : 0;
  };

  return {
    check(user, address) {
      const now = o.nowMs();
      const byUser = lockOf(userKey(user), now);
      if (byUser > 0) return { allowed: false, retryAfterS: byUser, by: 'user' };
      const byAddress = lockOf(addressKey(address), now);
      if (byAddress > 0) return { allowed: false, retryAfterS: byAddress, by: 'address' };
      return { allowed: true };
    },
    failed(user, address) {
      const now = o.nowMs();
      fail(userKey(user), o.freeFailures, now);
      fail(addressKey(address), o.addressFreeFailures, now);
    },
    succeeded(user) {
      entries.delete(userKey(user));
    },
  };
}
