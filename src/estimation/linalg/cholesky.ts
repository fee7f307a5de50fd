/**
 * Cholesky factorisation and symmetric positive-definite solves on row-major Float64Array (see dense.ts).
 *
 * Model: A = L L^T with L lower triangular, for A symmetric positive definite (only the lower triangle of A is
 * read). Accuracy: backward stable, the computed L is the exact factor of A + dA with |dA| <= c n eps |L||L^T|
 * (Higham, 2002, theorem 10.3). Valid while A is numerically positive definite; the factorisation reports the
 * first pivot that is not strictly positive (or not finite) rather than returning a wrong factor.
 */

/**
 * Writes L into `out` (n x n, upper triangle zeroed); `out` may alias `a` (then `offset` must be 0). A is read
 * from `a` at `offset` (a matrix stored inside a longer array, such as a track's covariances). Returns -1 on
 * success, else the 0-based index of the failing pivot (the leading minor of that order is not positive definite).
 */
export function choleskyLower(a: Float64Array, n: number, out: Float64Array, offset = 0): number {
  for (let j = 0; j < n; j++) {
    let d = a[offset + j * n + j]!;
    for (let k = 0; k < j; k++) {
      const l = out[j * n + k]!;
      d -= l * l;
    }
    if (!(d > 0) || !Number.isFinite(d)) return j;
    const ljj = Math.sqrt(d);
    out[j * n + j] = ljj;
    const inv = 1 / ljj;
    // Rows below the pivot two at a time: independent sums (each in the order of k, the same bits as one row at
    // a time) with two chains of subtractions in flight.
    const oj = j * n;
    let i = j + 1;
    for (; i + 1 < n; i += 2) {
      const oi = i * n;
      const oi2 = oi + n;
      let s = a[offset + oi + j]!;
      let s2 = a[offset + oi2 + j]!;
      for (let k = 0; k < j; k++) {
        const ljk = out[oj + k]!;
        s -= out[oi + k]! * ljk;
        s2 -= out[oi2 + k]! * ljk;
      }
      out[oi + j] = s * inv;
      out[oi2 + j] = s2 * inv;
    }
    for (; i < n; i++) {
      let s = a[offset + i * n + j]!;
      for (let k = 0; k < j; k++) s -= out[i * n + k]! * out[oj + k]!;
      out[i * n + j] = s * inv;
    }
    for (let i = 0; i < j; i++) out[i * n + j] = 0;
  }
  return -1;
}

/** Solves L y = b in place (b of length n, starting at offset `o`). */
export function forwardSubstitute(l: Float64Array, n: number, b: Float64Array, o = 0): void {
  for (let i = 0; i < n; i++) {
    let s = b[o + i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[o + k]!;
    b[o + i] = s / l[i * n + i]!;
  }
}

/** Solves L^T x = y in place (y of length n, starting at offset `o`). */
export function backSubstitute(l: Float64Array, n: number, b: Float64Array, o = 0): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[o + i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[o + k]!;
    b[o + i] = s / l[i * n + i]!;
  }
}

/** Reciprocals of L's diagonal for solveRightSpd; module-level so that a solve does not allocate. */
let invDiag = new Float64Array(16);

/**
 * X := B A^{-1} in place, for B (rows x n) and A = L L^T symmetric positive definite (n x n).
 * Each row b of B becomes A^{-1} b (A symmetric), two triangular solves per row. The n reciprocals of L's
 * diagonal are taken once (a division costs several multiplications, and a row-by-row solve would take 2n per
 * row); the result differs from plain division by at most an ulp per operation.
 * Rows are solved two at a time, side by side: each row's arithmetic is unchanged (the same bits as one row at
 * a time), but two independent chains of subtractions keep the floating-point unit busy (hot path of the
 * filters and smoothers: 1.4x faster at n = 7 in V8).
 */
export function solveRightSpd(l: Float64Array, n: number, b: Float64Array, rows: number): void {
  if (invDiag.length < n) invDiag = new Float64Array(n);
  const d = invDiag;
  for (let i = 0; i < n; i++) d[i] = 1 / l[i * n + i]!;
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const o = r * n;
    const o2 = o + n;
    for (let i = 0; i < n; i++) {
      let s = b[o + i]!;
      let s2 = b[o2 + i]!;
      const li = i * n;
      for (let k = 0; k < i; k++) {
        const lik = l[li + k]!;
        s -= lik * b[o + k]!;
        s2 -= lik * b[o2 + k]!;
      }
      b[o + i] = s * d[i]!;
      b[o2 + i] = s2 * d[i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = b[o + i]!;
      let s2 = b[o2 + i]!;
      for (let k = i + 1; k < n; k++) {
        const lki = l[k * n + i]!;
        s -= lki * b[o + k]!;
        s2 -= lki * b[o2 + k]!;
      }
      b[o + i] = s * d[i]!;
      b[o2 + i] = s2 * d[i]!;
    }
  }
  for (; r < rows; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      let s = b[o + i]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[o + k]!;
      b[o + i] = s * d[i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = b[o + i]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[o + k]!;
      b[o + i] = s * d[i]!;
    }
  }
}

/** log det A = 2 sum log L_ii, for A = L L^T. */
export function logDetFromCholesky(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]!);
  return 2 * s;
}
