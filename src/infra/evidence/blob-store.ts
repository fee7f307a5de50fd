import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { BlobStore, IngestedBlob } from '../../evidence/ports.js';

const HEX64 = /^[0-9a-f]{64}$/;
const CHUNK = 1 << 22;

function readFailure(label: string, e: unknown): SalvoFailure {
  if (e instanceof SalvoFailure) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied (unreadable)'
        : code === 'EISDIR'
          ? 'is a folder'
          : (e as Error).message;
  return new SalvoFailure(
    salvoError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'IO',
      `cannot read ${label}: ${reason}; nothing was stored`,
      [{ file: label, reason }],
    ),
  );
}

const fsyncDir = async (dir: string): Promise<void> => {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // some file systems refuse fsync on a folder; the rename is still atomic
  }
};

/**
 * Content-addressed blob store: `<root>/sha256/<2 hex>/<64 hex>`, files read-only (0444) once stored.
 * Ingest streams the source into `<root>/tmp/` while hashing it, fsyncs, then renames it into place (unless
 * those bytes are already stored) and fsyncs the folder: a crash leaves either no blob, a complete
 * blob, or a temporary file that `strays()` reports.
 */
export function fsBlobStore(root: string): BlobStore {
  const abs = resolve(root);
  const tmpDir = join(abs, 'tmp');
  const pathOf = (sha256: string): string => {
    if (!HEX64.test(sha256))
      throw new SalvoFailure(
        salvoError('INVALID_INPUT', `'${sha256}' is not a SHA-256 (64 lower-case hex digits)`),
      );
    const p = join(abs, 'sha256', sha256.slice(0, 2), sha256);
    if (!p.startsWith(abs + sep))
      throw new SalvoFailure(salvoError('INVALID_INPUT', `${p} is outside the blob store`));
    return p;
  };

  return {
    location: abs,
    pathOf,
    async ingest(path: string, label = path): Promise<IngestedBlob> {
      let info;
      try {
        info = await stat(path);
      } catch (e) {
        throw readFailure(label, e);
      }
      if (!info.isFile())
        throw new SalvoFailure(
          salvoError('INVALID_INPUT', `${label} is not a regular file; nothing was stored`, [
            { file: label, reason: 'not a regular file' },
          ]),
        );
      if (info.size === 0)
        throw new SalvoFailure(
          salvoError(
            'INVALID_INPUT',
            `${label} is empty (0 bytes): an empty file carries no evidence; nothing was stored`,
            [{ file: label, reason: 'empty file' }],
          ),
        );
      let src;
      try {
        src = await open(path, constants.O_RDONLY);
      } catch (e) {
        throw readFailure(label, e);
      }
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, `ingest-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      const out = await open(tmp, 'wx', 0o600);
      const h = createHash('sha256');
      const buf = Buffer.allocUnsafe(CHUNK);
      let size = 0;
      try {
        try {
          for (;;) {
            const { bytesRead } = await src.read(buf, 0, CHUNK, null);
            if (bytesRead === 0) break;
            const chunk = buf.subarray(0, bytesRead);
            h.update(chunk);
            await out.write(chunk);
            size += bytesRead;
          }
        } catch (e) {
          throw readFailure(label, e);
        }
        if (size === 0)
          throw new SalvoFailure(
            salvoError('INVALID_INPUT', `${label} is empty (0 bytes); nothing was stored`),
          );
        if (size !== info.size)
          throw new SalvoFailure(
            salvoError(
              'CONFLICT',
              `${label} changed while it was read (${info.size} -> ${size} bytes); nothing was stored`,
            ),
          );
        await out.sync();
        await out.close();
        await chmod(tmp, 0o444);
        const sha256 = h.digest('hex');
        const final = pathOf(sha256);
        await mkdir(join(abs, 'sha256', sha256.slice(0, 2)), { recursive: true });
        // Same bytes already stored: keep the stored blob (a concurrent rename of identical bytes is harmless).
        const existed = await lstat(final).then(
          () => true,
          () => false,
        );
        if (existed) await rm(tmp, { force: true });
        else {
          await rename(tmp, final);
          await fsyncDir(join(abs, 'sha256', sha256.slice(0, 2)));
        }
        return { sha256, sizeBytes: size, existed };
      } catch (e) {
        await out.close().catch(() => undefined);
        await rm(tmp, { force: true }).catch(() => undefined);
        throw e;
      } finally {
        await src.close().catch(() => undefined);
      }
    },
    async has(sha256) {
      try {
        return (await lstat(pathOf(sha256))).isFile();
      } catch {
        return false;
      }
    },
    async rehash(sha256) {
      const p = pathOf(sha256);
      try {
        const info = await lstat(p);
        if (!info.isFile()) return { sha256: '(not a regular file)', sizeBytes: 0 };
      } catch {
        return undefined;
      }
      return sha256OfFile(p);
    },
    async *list() {
      let prefixes: string[];
      try {
        prefixes = await readdir(join(abs, 'sha256'));
      } catch {
        return;
      }
      for (const pre of prefixes.sort()) {
        for (const name of (await readdir(join(abs, 'sha256', pre))).sort()) if (HEX64.test(name)) yield name;
      }
    },
    async strays() {
      try {
        return (await readdir(tmpDir)).map((n) => join(tmpDir, n));
      } catch {
        return [];
      }
    },
  };
}

/** Streams a file through SHA-256 with a reused 4 MiB buffer (the blob store's hashing path, for the bench). */
export async function sha256OfFile(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const h = createHash('sha256');
  const fh = await open(path, constants.O_RDONLY);
  const buf = Buffer.allocUnsafe(CHUNK);
  let size = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      h.update(bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { sha256: h.digest('hex'), sizeBytes: size };
}
