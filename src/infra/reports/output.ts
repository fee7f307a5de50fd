import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SalvoFailure, salvoError } from '../../kernel/index.js';
import { atomicWriteFileSync } from '../files/atomic-write.js';

/**
 * Writes a report atomically (temporary file, fsync, rename): a reader never sees half a dossier. Refuses a
 * missing folder or a folder as the target with a clear error.
 */
export function writeReport(path: string, data: string | Uint8Array): { path: string; bytes: number } {
  const target = resolve(path);
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new SalvoFailure(
      salvoError('NOT_FOUND', `cannot write ${path}: no folder ${dir}`, [
        { field: '--out', reason: 'the folder does not exist' },
      ]),
    );
  if (existsSync(target) && statSync(target).isDirectory())
    throw new SalvoFailure(
      salvoError('INVALID_INPUT', `cannot write ${path}: it is a folder`, [
        { field: '--out', reason: 'a folder, not a file' },
      ]),
    );
  try {
    atomicWriteFileSync(target, data);
  } catch (e) {
    throw new SalvoFailure(
      salvoError('IO', `cannot write ${path}: ${(e as Error).message}`, [
        { field: '--out', reason: (e as NodeJS.ErrnoException).code ?? 'write failed' },
      ]),
    );
  }
  return {
    path: target,
    bytes: typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength,
  };
}
