import { createHash, hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SalvoFailure, salvoError } from '../../kernel/index.js';

/** SHA-256 of a short text, hex. One-shot crypto.hash: about 2x faster than createHash for short inputs. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/** SHA-256 and size of a file, streamed. */
export async function sha256File(path: string, label = path): Promise<{ sha256: string; sizeBytes: number }> {
  try {
    const info = await stat(path);
    if (!info.isFile())
      throw new SalvoFailure(
        salvoError('INVALID_INPUT', `${label} is not a file`, [
          { file: label, reason: 'not a regular file' },
        ]),
      );
    const h = createHash('sha256');
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
    return { sha256: h.digest('hex'), sizeBytes: info.size };
  } catch (e) {
    if (e instanceof SalvoFailure) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new SalvoFailure(
      salvoError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read ${label}: ${(e as Error).message}`, [
        {
          file: label,
          reason:
            code === 'ENOENT'
              ? 'no such file'
              : code === 'EACCES'
                ? 'permission denied'
                : (e as Error).message,
        },
      ]),
    );
  }
}
