import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './login-throttle.js';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { nowMs: () => t, advance: (s: number) => void (t += s * 1000) };
}

describe('login throttle', () => {
  it('allows the free failures, then locks the user name with a doubling delay capped at maxLockS', () => {
    const c = clock();
    const th = createLoginThrottle({ nowMs: c.nowMs, freeFailures: 5, baseLockS: 30, maxLockS: 900 });
    for (let i = 0; i < 4; i++) {
      expect(th.check('alice', '10.0.0.1').allowed).toBe(true);
      th.failed('alice', '10.0.0.1');
    }
    expect(th.check('alice', '10.0.0.1').allowed).toBe(true);
    th.failed('alice', '10.0.0.1'); // 5th failure: locked 30 s
    expect(th.check('ALICE', '10.0.0.2')).toEqual({ allowed: false, retryAfterS: 30, by: 'user' });
    c.advance(29);
    expect(th.check('alice', '10.0.0.1')).toEqual({ allowed: false, retryAfterS: 1, by: 'user' });
    c.advance(1);
    expect(th.check('alice', '10.0.0.1').allowed).toBe(true);
    const locks: number[] = [];
    for (let i = 0; i < 7; i++) {
      th.failed('alice', '10.0.0.1');
      const v = th.check('alice', '10.0.0.1');
      locks.push(v.allowed ? 0 : v.retryAfterS);
      c.advance(locks[i]!);
    }
    expect(locks).toEqual([60, 120, 240, 480, 900, 900, 900]);
    // Another user from the same address is not locked by alice's failures (12 < 30 address failures).
    expect(th.check('bob', '10.0.0.1').allowed).toBe(true);
  });

  it('a success clears the user name; an hour without failures forgets them', () => {
    const c = clock();
    const th = createLoginThrottle({ nowMs: c.nowMs });
    for (let i = 0; i < 4; i++) th.failed('carol', 'a');
    th.succeeded('carol');
    th.failed('carol', 'a');
    expect(th.check('carol', 'a').allowed).toBe(true); // counting restarted: 1 failure
    for (let i = 0; i < 3; i++) th.failed('carol', 'a');
    c.advance(3601);
    th.failed('carol', 'a'); // the four before are forgotten
    expect(th.check('carol', 'a').allowed).toBe(true);
  });

  it('locks an address that tries many user names, whatever the names', () => {
    const c = clock();
    const th = createLoginThrottle({ nowMs: c.nowMs, addressFreeFailures: 30 });
    for (let i = 0; i < 29; i++) th.failed(`user-${i}`, '192.0.2.7');
    expect(th.check('someone-new', '192.0.2.7').allowed).toBe(true);
    th.failed('user-29', '192.0.2.7');
    expect(th.check('someone-new', '192.0.2.7')).toEqual({ allowed: false, retryAfterS: 30, by: 'address' });
    expect(th.check('someone-new', '192.0.2.8').allowed).toBe(true);
  });

  it('keeps at most maxKeys keys, dropping the least recently touched', () => {
    const c = clock();
    const th = createLoginThrottle({ nowMs: c.nowMs, maxKeys: 10, freeFailures: 1 });
    th.failed('first', 'x'); // locks 'first' (and touches address x)
    expect(th.check('first', 'y').allowed).toBe(false);
    for (let i = 0; i < 20; i++) th.failed(`spray-${i}`, 'x');
    // 'first' was pushed out by newer keys: the map is bounded, at the price of forgetting old locks.
    expect(th.check('first', 'y').allowed).toBe(true);
    expect(th.check('spray-19', 'y').allowed).toBe(false);
  });
});
