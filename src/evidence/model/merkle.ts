/**
 * Merkle tree over the custody log, as in Certificate Transparency (RFC 6962 section 2.1, RFC 9162 section
 * 2.1): leaf hash = SHA-256(0x00 || data), interior node = SHA-256(0x01 || left || right), the tree over n
 * leaves splits at the largest power of two smaller than n, and the empty tree's hash is SHA-256(""). The
 * verification functions need nothing but a SHA-256 function, so a bundle can be checked offline.
 *
 * Sizes and indices are JavaScript numbers (exact up to 2^53); bit arithmetic is done with division.
 */
export type Sha256 = (data: Uint8Array) => Uint8Array;

export interface MerkleHash {
  readonly empty: Uint8Array;
  leaf(data: Uint8Array): Uint8Array;
  node(left: Uint8Array, right: Uint8Array): Uint8Array;
}

export function merkleHash(sha256: Sha256): MerkleHash {
  const nodeBuf = new Uint8Array(65);
  nodeBuf[0] = 1;
  return {
    empty: sha256(new Uint8Array(0)),
    leaf(data) {
      const b = new Uint8Array(data.length + 1);
      b.set(data, 1);
      return sha256(b);
    },
    node(left, right) {
      if (left.length !== 32 || right.length !== 32) throw new TypeError('Merkle node inputs are 32 bytes');
      nodeBuf.set(left, 1);
      nodeBuf.set(right, 33);
      return sha256(nodeBuf);
    },
  };
}

/** The largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** log2(n) when n is a power of two, else -1. */
function log2Exact(n: number): number {
  if (n < 1 || !Number.isInteger(n)) return -1;
  let level = 0;
  while (n % 2 === 0) {
    n /= 2;
    level++;
  }
  return n === 1 ? level : -1;
}
const isPowerOfTwo = (n: number): boolean => log2Exact(n) >= 0;

/**
 * A tree over leaf hashes with every complete, aligned subtree cached, so roots of any prefix and proofs cost
 * O(log^2 n) node hashes after an O(n) build.
 */
export class MerkleTree {
  private readonly levels: Uint8Array[][];

  constructor(
    private readonly h: MerkleHash,
    leafHashes: readonly Uint8Array[],
  ) {
    this.levels = [leafHashes.slice()];
    for (let level = this.levels[0]!; level.length > 1;) {
      const up: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(h.node(level[i]!, level[i + 1]!));
      this.levels.push(up);
      level = up;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  /** MTH(D[0:size]). */
  root(size = this.size): Uint8Array {
    this.checkSize(size);
    return size === 0 ? this.h.empty : this.range(0, size);
  }

  /** RFC 6962 PATH(index, D[0:size]): the audit path of one leaf, bottom up. */
  inclusionProof(index: number, size = this.size): Uint8Array[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
    const out: Uint8Array[] = [];
    const path = (m: number, start: number, end: number): void => {
      const n = end - start;
      if (n === 1) return;
      const k = splitPoint(n);
      if (m < k) {
        path(m, start, start + k);
        out.push(this.range(start + k, end));
      } else {
        path(m - k, start + k, end);
        out.push(this.range(start, start + k));
      }
    };
    path(index, 0, size);
    return out;
  }

  /** RFC 6962 PROOF(first, D[0:second]): shows the tree of size `second` extends the one of size `first`. */
  consistencyProof(first: number, second = this.size): Uint8Array[] {
    this.checkSize(second);
    if (!Number.isInteger(first) || first < 0 || first > second)
      throw new RangeError(`cannot prove size ${first} against size ${second}`);
    if (first === 0 || first === second) return [];
    const out: Uint8Array[] = [];
    const sub = (m: number, start: number, end: number, whole: boolean): void => {
      const n = end - start;
      if (m === n) {
        if (!whole) out.push(this.range(start, end));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        sub(m, start, start + k, whole);
        out.push(this.range(start + k, end));
      } else {
        sub(m - k, start + k, end, false);
        out.push(this.range(start, start + k));
      }
    };
    sub(first, 0, second, true);
    return out;
  }

  /** MTH(D[start:end]), for the aligned ranges the RFC recursion produces. */
  private range(start: number, end: number): Uint8Array {
    const n = end - start;
    const level = log2Exact(n);
    if (level >= 0 && start % n === 0) {
      const cached = this.levels[level]?.[start / n];
      if (cached) return cached;
    }
    const k = splitPoint(n);
    return this.h.node(this.range(start, start + k), this.range(start + k, end));
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size)
      throw new RangeError(`tree size ${size} is not in 0..${this.size}`);
  }
}

/** Root of a whole list of leaf hashes, in O(n) with an O(log n) stack (no cache kept). */
export function merkleRoot(h: MerkleHash, leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return h.empty;
  const stack: Uint8Array[] = [];
  for (let i = 0; i < leafHashes.length; i++) {
    let node = leafHashes[i]!;
    for (let j = i; j % 2 === 1; j = (j - 1) / 2) node = h.node(stack.pop()!, node);
    stack.push(node);
  }
  let node = stack.pop()!;
  while (stack.length > 0) node = h.node(stack.pop()!, node);
  return node;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const odd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/** RFC 9162 section 2.1.3.2: does `proof` place `leafHash` at `index` in the tree of `size` with `root`? */
export function verifyInclusion(
  h: MerkleHash,
  args: {
    leafHash: Uint8Array;
    index: number;
    size: number;
    proof: readonly Uint8Array[];
    root: Uint8Array;
  },
): boolean {
  const { leafHash, index, size, proof, root } = args;
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  if (leafHash.length !== 32 || root.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = h.node(p, r);
      if (!odd(fn))
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else r = h.node(r, p);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}

/** RFC 9162 section 2.1.4.2: does `proof` show the tree (second, secondRoot) extends (first, firstRoot)? */
export function verifyConsistency(
  h: MerkleHash,
  args: {
    first: number;
    second: number;
    firstRoot: Uint8Array;
    secondRoot: Uint8Array;
    proof: readonly Uint8Array[];
  },
): boolean {
  const { first, second, firstRoot, secondRoot } = args;
  let proof = args.proof;
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 0 || first > second) return false;
  if (firstRoot.length !== 32 || secondRoot.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  if (first === second) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0 && equalBytes(firstRoot, h.empty);
  if (proof.length === 0) return false;
  if (isPowerOfTwo(first)) proof = [firstRoot, ...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = h.node(c, fr);
      sr = h.node(c, sr);
      if (!odd(fn))
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else sr = h.node(sr, c);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}

export const toHex = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
};

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new TypeError('not lower-case hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
