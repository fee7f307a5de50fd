import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createPrivateKey, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { PrivateKeys } from '../../evidence/ports.js';
import { atomicWriteFileSync } from '../files/atomic-write.js';

const generate = promisify(generateKeyPair);

/** Key ids contain a colon; file names use the hex part only. */
const fileOf = (dir: string, keyId: string): string => {
  const m = /^ed25519:([0-9a-f]{32})$/.exec(keyId);
  if (!m) throw new SalvoFailure(salvoError('INVALID_INPUT', `'${keyId}' is not a Salvo key id`));
  return join(dir, `ed25519-${m[1]}.pem`);
};

/**
 * Private keys as PKCS#8 PEM files, one per key, in a folder only the owner may enter (0700; files 0600).
 * Default `<db>.keys/` beside a SQLite store, or $SALVO_KEYS / --keys. Never inside the database: the
 * database may be shared or exported, the private keys must not be.
 */
export function fileKeyStore(dir: string): PrivateKeys {
  const cache = new Map<string, KeyObject>();
  const ensureDir = (): void => {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      chmodSync(dir, 0o700);
    } catch {
      // not ours to change (read-only media): reading still works
    }
  };
  const load = (keyId: string): KeyObject | undefined => {
    const cached = cache.get(keyId);
    if (cached) return cached;
    const f = fileOf(dir, keyId);
    if (!existsSync(f)) return undefined;
    const mode = statSync(f).mode & 0o777;
    if (mode & 0o077)
      throw new SalvoFailure(
        salvoError(
          'FORBIDDEN',
          `private key ${f} is readable by others (mode ${mode.toString(8)}): chmod 600 it first`,
        ),
      );
    const k = createPrivateKey(readFileSync(f));
    cache.set(keyId, k);
    return k;
  };
  return {
    location: dir,
    async generate() {
      const { publicKey, privateKey } = await generate('ed25519');
      const raw = publicKey.export({ format: 'jwk' }).x;
      if (!raw) throw new Error('node:crypto returned an Ed25519 key without x');
      return {
        publicKey: Buffer.from(raw, 'base64url').toString('base64'),
        keep: async (keyId: string) => {
          ensureDir();
          const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
          atomicWriteFileSync(fileOf(dir, keyId), pem);
          chmodSync(fileOf(dir, keyId), 0o600);
          cache.set(keyId, privateKey);
        },
      };
    },
    has: async (keyId) => {
      try {
        return load(keyId) !== undefined;
      } catch (e) {
        if (e instanceof SalvoFailure) throw e;
        return false;
      }
    },
    async sign(keyId, message) {
      const k = load(keyId);
      if (!k) throw new SalvoFailure(salvoError('FORBIDDEN', `no private key ${keyId} in ${dir}`));
      return sign(null, Buffer.from(message, 'utf8'), k).toString('base64');
    },
  };
}
