/**
 * Seeded randomness, passed into PURE code (never Math.random inside a numerical routine), so that a run can
 * be replayed bit-identically.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/**
 * xoshiro128** (Blackman & Vigna, 2018) seeded through splitmix32. Period 2^128 - 1; passes BigCrush in its
 * 64-bit sibling. Hand-written because it is 20 lines and must be identical on every platform.
 */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
  let spare: number | undefined;
  return {
    next,
    normal(): number {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      // Marsaglia polar method: exact N(0,1) from two uniforms.
      for (;;) {
        const u = 2 * next() - 1;
        const v = 2 * next() - 1;
        const q = u * u + v * v;
        if (q > 0 && q < 1) {
          const f = Math.sqrt((-2 * Math.log(q)) / q);
          spare = v * f;
          return u * f;
        }
      }
    },
  };
}
