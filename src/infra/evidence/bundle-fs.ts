import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
} from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { BundleSink, BundleSource } from '../../evidence/ports.js';
import { atomicWriteFileSync } from '../files/atomic-write.js';
import { sha256OfFile } from './blob-store.js';

async function fsyncPath(path: string): Promise<void> {
  const h = await open(path, 'r');
  try {
    await h.sync();
  } catch {
    // folders on some file systems
  } finally {
    await h.close();
  }
}

/** A bundle folder written beside its destination and renamed into place when complete. */
export async function folderBundleSink(out: string): Promise<BundleSink> {
  const dest = resolve(out);
  if (existsSync(dest))
    throw new SalvoFailure(
      salvoError('CONFLICT', `${out} already exists: choose a new folder for the bundle`, [
        { file: out, reason: 'exists' },
      ]),
    );
  const tmp = `${dest}.partial-${process.pid}`;
  try {
    await rm(tmp, { recursive: true, force: true });
    await mkdir(join(tmp, 'blobs'), { recursive: true });
  } catch (e) {
    throw new SalvoFailure(salvoError('IO', `cannot create ${tmp}: ${(e as Error).message}`));
  }
  return {
    async writeText(name, text) {
      atomicWriteFileSync(join(tmp, name), text);
    },
    async copyBlob(sha256, from) {
      const to = join(tmp, 'blobs', sha256);
      await copyFile(from, to);
      await fsyncPath(to);
      await chmod(to, 0o444);
    },
    async commit() {
      await fsyncPath(join(tmp, 'blobs'));
      await fsyncPath(tmp);
      await rename(tmp, dest);
    },
    async abort() {
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** Reads a bundle folder; any path that would leave it (.., absolute, a symbolic link) is 'outside'. */
export async function folderBundleSource(dir: string): Promise<BundleSource> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await lstat(root)).isDirectory()) throw new Error('not a folder');
  } catch (e) {
    throw new SalvoFailure(
      salvoError('NOT_FOUND', `${dir} is not a bundle folder: ${(e as Error).message}`, [
        { file: dir, reason: 'not a folder' },
      ]),
    );
  }
  const inside = (rel: string): string | undefined => {
    if (isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return undefined;
    const p = resolve(root, rel);
    return p.startsWith(root + sep) ? p : undefined;
  };
  return {
    async readText(name) {
      const p = inside(name);
      if (!p) return undefined;
      try {
        if ((await lstat(p)).isSymbolicLink()) return undefined;
        return await readFile(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    async hashFile(rel) {
      const p = inside(rel);
      if (!p) return 'outside';
      try {
        const info = await lstat(p);
        if (info.isSymbolicLink()) return 'outside';
        if (!info.isFile()) return 'missing';
      } catch {
        return 'missing';
      }
      return sha256OfFile(p);
    },
    async listBlobs() {
      try {
        return (await readdir(join(root, 'blobs'))).sort();
      } catch {
        return [];
      }
    },
  };
}
