import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fromHex,
  merkleHash,
  merkleRoot,
  MerkleTree,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const h = merkleHash((b) => hash('sha256', b, 'buffer'));

// Certificate Transparency's reference tree (RFC 6962 test data, as in certificate-transparency-go and
// google/trillian): eight leaves, the tree head at each size, two audit paths and two consistency proofs.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const CONSISTENCY = [
  {
    first: 2,
    second: 8,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

describe('Merkle tree (RFC 6962 / 9162)', () => {
  const tree = new MerkleTree(
    h,
    LEAVES.map((l) => h.leaf(l)),
  );

  it('matches the reference tree heads for sizes 0..8', () => {
    for (let n = 0; n <= 8; n++) {
      expect(toHex(tree.root(n)), `size ${n}`).toBe(ROOTS[n]);
      expect(
        toHex(
          merkleRoot(
            h,
            LEAVES.slice(0, n).map((l) => h.leaf(l)),
          ),
        ),
        `stack root ${n}`,
      ).toBe(ROOTS[n]);
    }
  });

  it('produces and accepts the reference audit paths', () => {
    for (const v of INCLUSION) {
      expect(tree.inclusionProof(v.index, v.size).map(toHex)).toEqual(v.proof);
      expect(
        verifyInclusion(h, {
          leafHash: h.leaf(LEAVES[v.index]!),
          index: v.index,
          size: v.size,
          proof: v.proof.map(fromHex),
          root: fromHex(ROOTS[v.size]!),
        }),
      ).toBe(true);
    }
  });

  it('produces and accepts the reference consistency proofs', () => {
    for (const v of CONSISTENCY) {
      expect(tree.consistencyProof(v.first, v.second).map(toHex)).toEqual(v.proof);
      expect(
        verifyConsistency(h, {
          first: v.first,
          second: v.second,
          firstRoot: fromHex(ROOTS[v.first]!),
          secondRoot: fromHex(ROOTS[v.second]!),
          proof: v.proof.map(fromHex),
        }),
      ).toBe(true);
    }
  });

  const many = Array.from({ length: 70 }, (_, i) => h.leaf(new Uint8Array([i, i * 7, 3])));
  const big = new MerkleTree(h, many);
  const roots = Array.from({ length: 71 }, (_, n) => merkleRoot(h, many.slice(0, n)));

  it('every audit path of every tree size up to 70 verifies, and a changed one does not', () => {
    for (let n = 1; n <= 70; n++) {
      expect(toHex(big.root(n))).toBe(toHex(roots[n]!));
      for (let i = 0; i < n; i++) {
        const proof = big.inclusionProof(i, n);
        const args = { leafHash: many[i]!, index: i, size: n, proof, root: roots[n]! };
        expect(verifyInclusion(h, args)).toBe(true);
        if (n > 1) expect(verifyInclusion(h, { ...args, index: (i + 1) % n })).toBe(false);
        if (proof.length > 0) {
          const bad = proof.map((p) => Uint8Array.from(p));
          bad[0]![0]! ^= 1;
          expect(verifyInclusion(h, { ...args, proof: bad })).toBe(false);
          expect(verifyInclusion(h, { ...args, proof: proof.slice(0, -1) })).toBe(false);
        }
        expect(verifyInclusion(h, { ...args, proof: [...proof, many[0]!] })).toBe(false);
      }
    }
  });

  it('every consistency proof between sizes up to 70 verifies, and a changed one does not', () => {
    for (let n = 1; n <= 70; n++)
      for (let m = 1; m <= n; m++) {
        const proof = big.consistencyProof(m, n);
        const args = { first: m, second: n, firstRoot: roots[m]!, secondRoot: roots[n]!, proof };
        expect(verifyConsistency(h, args), `${m} -> ${n}`).toBe(true);
        if (m < n) {
          const bad = proof.map((p) => Uint8Array.from(p));
          bad[bad.length - 1]![5]! ^= 0x80;
          expect(verifyConsistency(h, { ...args, proof: bad })).toBe(false);
          expect(verifyConsistency(h, { ...args, firstRoot: roots[m - 1]! })).toBe(false);
          expect(verifyConsistency(h, { ...args, proof: proof.slice(1) })).toBe(false);
        }
      }
    expect(
      verifyConsistency(h, { first: 0, second: 5, firstRoot: h.empty, secondRoot: roots[5]!, proof: [] }),
    ).toBe(true);
    expect(
      verifyConsistency(h, { first: 6, second: 5, firstRoot: roots[6]!, secondRoot: roots[5]!, proof: [] }),
    ).toBe(false);
  });
});
