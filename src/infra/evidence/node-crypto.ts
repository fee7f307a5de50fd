import { createPublicKey, hash, verify, type KeyObject } from 'node:crypto';
import type { Hasher, SignatureJob, SignatureVerifier } from '../../evidence/ports.js';

/** SHA-256 through node:crypto's one-shot `hash` (about twice as fast as createHash for short inputs). */
export const nodeHasher: Hasher = {
  sha256Hex: (text) => hash('sha256', text, 'hex'),
  sha256: (bytes) => hash('sha256', bytes, 'buffer'),
};

const publicKeys = new Map<string, KeyObject>();

/** A raw 32-byte Ed25519 public key (base64) as a KeyObject, cached. */
export function ed25519PublicKey(raw: string): KeyObject {
  let k = publicKeys.get(raw);
  if (!k) {
    const bytes = Buffer.from(raw, 'base64');
    if (bytes.length !== 32 || bytes.toString('base64') !== raw)
      throw new TypeError('an Ed25519 public key is 32 bytes in canonical base64');
    k = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') },
      format: 'jwk',
    });
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(raw, k);
  }
  return k;
}

/** The 64 signature bytes, or undefined unless `text` is their exact (canonical, padded) base64. */
function signatureBytes(text: string): Buffer | undefined {
  const sig = Buffer.from(text, 'base64');
  return sig.length === 64 && sig.toString('base64') === text ? sig : undefined;
}

function verifySync(job: SignatureJob): boolean {
  try {
    const sig = signatureBytes(job.signature);
    if (!sig) return false;
    return verify(null, Buffer.from(job.message, 'utf8'), ed25519PublicKey(job.publicKey), sig);
  } catch {
    return false;
  }
}

function verifyAsync(job: SignatureJob): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const sig = signatureBytes(job.signature);
      if (!sig) return resolve(false);
      verify(null, Buffer.from(job.message, 'utf8'), ed25519PublicKey(job.publicKey), sig, (e, ok) =>
        resolve(!e && ok),
      );
    } catch {
      resolve(false);
    }
  });
}

/**
 * Ed25519 (RFC 8032) verification with node:crypto (OpenSSL). `verifyMany` runs the checks on libuv's thread
 * pool, `window` at a time, so every core helps.
 */
export function nodeSignatureVerifier(window = 256): SignatureVerifier {
  return {
    verify: (publicKey, message, signature) => verifySync({ publicKey, message, signature }),
    async verifyMany(jobs) {
      const out = new Array<boolean>(jobs.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < jobs.length) {
          const i = next++;
          out[i] = await verifyAsync(jobs[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(window, jobs.length) }, worker));
      return out;
    },
  };
}
