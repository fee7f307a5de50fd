/**
 * Dense linear algebra on row-major Float64Array, for the small matrices of a tracking filter (n <= ~20).
 *
 * Why hand-rolled and not ml-matrix: the filters call these thousands of times per track, and every call of a
 * general matrix library allocates a new object and array. Here every routine writes into a caller-provided
 * buffer, so a filter allocates its workspace once per run and nothing per step (see filters/*). The loops are
 * the textbook triple loops; for n <= 20 they are faster in V8 than any blocked scheme.
 *
 * Conventions: an r x c matrix is `a[i * c + j]`; `out` never aliases an input unless stated.
 * Accuracy: plain floating-point sums, error <= n * eps * |a| * |b| per element (Higham, 2002, section 3.5).
 */

/** out (r x c) = a (r x k) * b (k x c). */
export function matMul(
  a: Float64Array,
  b: Float64Array,
  r: number,
  k: number,
  c: number,
  out: Float64Array,
): void {
  for (let i = 0; i < r; i++) {
    const ai = i * k;
    const oi = i * c;
    for (let j = 0; j < c; j++) out[oi + j] = 0;
    for (let p = 0; p < k; p++) {
      const aip = a[ai + p]!;
      if (aip === 0) continue;
      const bp = p * c;
      for (let j = 0; j < c; j++) out[oi + j]! += aip * b[bp + j]!;
    }
  }
}

/** out (r x c) = a (r x k) * b^T, where b is c x k. */
export function matMulBt(
  a: Float64Array,
  b: Float64Array,
  r: number,
  k: number,
  c: number,
  out: Float64Array,
): void {
  for (let i = 0; i < r; i++) {
    const ai = i * k;
    for (let j = 0; j < c; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
      out[i * c + j] = s;
    }
  }
}

/** out (n x n) = a P a^T for a (n x k), p (k x k) symmetric; tmp needs n*k. Result exactly symmetric. */
export function congruence(
  a: Float64Array,
  p: Float64Array,
  n: number,
  k: number,
  tmp: Float64Array,
  out: Float64Array,
): void {
  // tmp = a p, four elements of a row side by side in registers (each sum in the order of q, as matMul's).
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    let j = 0;
    for (; j + 4 <= k; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = 0; q < k; q++) {
        const aq = a[ai + q]!;
        const pq = q * k + j;
        s0 += aq * p[pq]!;
        s1 += aq * p[pq + 1]!;
        s2 += aq * p[pq + 2]!;
        s3 += aq * p[pq + 3]!;
      }
      tmp[ai + j] = s0;
      tmp[ai + j + 1] = s1;
      tmp[ai + j + 2] = s2;
      tmp[ai + j + 3] = s3;
    }
    for (; j + 2 <= k; j += 2) {
      let s0 = 0;
      let s1 = 0;
      for (let q = 0; q < k; q++) {
        const aq = a[ai + q]!;
        const pq = q * k + j;
        s0 += aq * p[pq]!;
        s1 += aq * p[pq + 1]!;
      }
      tmp[ai + j] = s0;
      tmp[ai + j + 1] = s1;
    }
    for (; j < k; j++) {
      let s0 = 0;
      for (let q = 0; q < k; q++) s0 += a[ai + q]! * p[q * k + j]!;
      tmp[ai + j] = s0;
    }
  }
  // Lower triangle of tmp a^T, two elements of a row side by side (independent sums, each in the order of q:
  // the same bits as one at a time, with two additions in flight instead of one chain).
  for (let i = 0; i < n; i++) {
    const ti = i * k;
    let j = 0;
    for (; j + 1 <= i; j += 2) {
      const aj = j * k;
      const aj2 = aj + k;
      let s = 0;
      let s2 = 0;
      for (let q = 0; q < k; q++) {
        const t = tmp[ti + q]!;
        s += t * a[aj + q]!;
        s2 += t * a[aj2 + q]!;
      }
      out[i * n + j] = s;
      out[j * n + i] = s;
      out[i * n + j + 1] = s2;
      out[(j + 1) * n + i] = s2;
    }
    for (; j <= i; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += tmp[ti + q]! * a[j * k + q]!;
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
}

/** a := (a + a^T) / 2 in place (n x n). Removes the asymmetry that rounding leaves after an update. */
export function symmetrise(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (a[i * n + j]! + a[j * n + i]!);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
}

/** out (c x r) = a^T for a (r x c). */
export function transpose(a: Float64Array, r: number, c: number, out: Float64Array): void {
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j]!;
}

/** True when every element is finite (no NaN, no +-Infinity). */
export function allFinite(a: Float64Array, length = a.length): boolean {
  for (let i = 0; i < length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}
