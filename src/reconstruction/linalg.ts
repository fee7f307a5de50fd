/**
 * Small dense linear algebra on row-major Float64Arrays (n <= ~20): Cholesky factorisation, solves and the
 * inverse of a symmetric positive definite matrix, products used by the fit. Hand-rolled because it sits in the
 * Levenberg–Marquardt loop (no allocation of library matrix objects per iteration) and n is tiny.
 * Accuracy: backward stable (Cholesky); the fit checks the conditioning it needs.
 */

/** Lower Cholesky factor L (A = L L^T) of the n x n SPD matrix A, or undefined if A is not positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / (l[j * n + j] as number);
      }
    }
  }
  return l;
}

/** Solves L L^T x = b given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = s / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = s / (l[i * n + i] as number);
  }
  return x;
}

/** Inverse of an SPD matrix through its Cholesky factor, or undefined if not positive definite. */
export function invertSpd(a: Float64Array, n: number): Float64Array | undefined {
  const l = cholesky(a, n);
  if (!l) return undefined;
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, n, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i] as number;
  }
  // Symmetrise (rounding leaves the two triangles a few ulps apart).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * ((inv[i * n + j] as number) + (inv[j * n + i] as number));
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  }
  return inv;
}

/** J^T J (n x n) and J^T r (n) of an m x n row-major J. */
export function normalEquations(
  j: Float64Array,
  m: number,
  n: number,
  r: Float64Array,
): { jtj: Float64Array; jtr: Float64Array } {
  const jtj = new Float64Array(n * n);
  const jtr = new Float64Array(n);
  for (let row = 0; row < m; row++) {
    const o = row * n;
    const rr = r[row] as number;
    for (let a = 0; a < n; a++) {
      const ja = j[o + a] as number;
      if (ja === 0) continue;
      jtr[a] = (jtr[a] as number) + ja * rr;
      for (let b = 0; b <= a; b++) jtj[a * n + b] = (jtj[a * n + b] as number) + ja * (j[o + b] as number);
    }
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) jtj[b * n + a] = jtj[a * n + b] as number;
  return { jtj, jtr };
}

/** C = A B with A (p x q), B (q x s). */
export function matMul(a: Float64Array, b: Float64Array, p: number, q: number, s: number): Float64Array {
  const c = new Float64Array(p * s);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < q; k++) {
      const aik = a[i * q + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < s; j++) c[i * s + j] = (c[i * s + j] as number) + aik * (b[k * s + j] as number);
    }
  }
  return c;
}

/** Transpose of A (p x q). */
export function transpose(a: Float64Array, p: number, q: number): Float64Array {
  const t = new Float64Array(p * q);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) t[j * p + i] = a[i * q + j] as number;
  return t;
}

/** A B A^T with A (p x q), B (q x q). */
export function sandwich(a: Float64Array, b: Float64Array, p: number, q: number): Float64Array {
  return matMul(matMul(a, b, p, q, q), transpose(a, p, q), p, q, p);
}
