import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomSecret } from '../infra/auth/secrets.js';
import { fail } from './errors.js';

export interface Spooled {
  readonly path: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  discard(): Promise<void>;
}

/**
 * Streams a request body to a spool file, hashing it on the way in and stopping at `maxBytes` (413, and the
 * partial file is removed). The body is never held in memory whole.
 */
export async function spoolBody(
  body: ReadableStream<Uint8Array> | null,
  spoolDir: string,
  maxBytes: number,
): Promise<Spooled> {
  if (!body)
    return fail(
      'INVALID_INPUT',
      'the request has no body: send the file as application/octet-stream',
      'body',
    );
  await mkdir(spoolDir, { recursive: true, mode: 0o700 });
  const path = join(spoolDir, `upload-${randomSecret(12)}`);
  const discard = () => rm(path, { force: true });
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let size = 0;
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        fail('TOO_LARGE', `the upload exceeds ${maxBytes} bytes`, 'body');
      }
      hash.update(value);
      if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } catch (e) {
    // The stream opens its file asynchronously: wait until it is closed before removing the file, or a late
    // open would leave a spool file behind.
    const closed = new Promise<void>((r) => (out.closed ? r() : out.once('close', () => r())));
    out.destroy();
    await closed;
    await discard();
    throw e;
  }
  if (size === 0) {
    await discard();
    fail('INVALID_INPUT', 'the uploaded file is empty', 'body');
  }
  return { path, sha256: hash.digest('hex'), sizeBytes: size, discard };
}
