import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { SalvoFailure, salvoError } from '../../kernel/index.js';

export interface TextChunks {
  /** Decoded text in order; strict UTF-8 (an invalid byte sequence is an error naming the line). */
  readonly chunks: AsyncIterable<string>;
  /** Bytes read so far (for a progress bar). */
  bytesRead(): number;
}

/**
 * Streams a file as strict UTF-8 text. A byte-order mark is dropped. Invalid UTF-8 fails with INVALID_INPUT
 * naming the file and the line where decoding failed (counted from the text decoded so far).
 */
export function readUtf8Chunks(path: string, label = path, highWaterMark = 1 << 20): TextChunks {
  let bytes = 0;
  const invalid = (line: number, reason: string): SalvoFailure =>
    new SalvoFailure(
      salvoError('INVALID_INPUT', `${label} is not valid UTF-8`, [{ file: label, line, reason }]),
    );
  async function* gen(): AsyncGenerator<string> {
    let lines = 1;
    let carry: Buffer | undefined; // an incomplete multi-byte sequence at the end of the previous chunk
    let first = true;
    const stream = createReadStream(path, { highWaterMark });
    try {
      for await (const raw of stream as AsyncIterable<Buffer>) {
        bytes += raw.length;
        let buf = carry ? Buffer.concat([carry, raw]) : raw;
        if (first && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
          buf = buf.subarray(3);
        first = false;
        const cut = completeLength(buf);
        carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : undefined;
        const whole = buf.subarray(0, cut);
        // Validation with the platform's SIMD checker, then a plain decode: the fatal TextDecoder measured
        // ~100 MB/s, a quarter of the speed the import needs.
        if (!isUtf8(whole))
          throw invalid(lines + countValidLinesBefore(whole), 'invalid UTF-8 byte sequence');
        const text = whole.toString('utf8');
        if (text.length > 0) {
          lines += countNewlines(text);
          yield text;
        }
      }
      if (carry) throw invalid(lines, 'truncated UTF-8 sequence at the end of the file');
    } catch (e) {
      if (e instanceof SalvoFailure) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new SalvoFailure(
        salvoError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read ${label}: ${(e as Error).message}`, [
          { file: label, reason: code === 'ENOENT' ? 'no such file' : (e as Error).message },
        ]),
      );
    } finally {
      stream.destroy();
    }
  }
  return { chunks: gen(), bytesRead: () => bytes };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Newlines in the valid prefix of a buffer that failed to decode (to name the bad line). */
function countValidLinesBefore(buf: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const text = decoder.decode(buf);
  const bad = text.indexOf('\uFFFD');
  return countNewlines(bad === -1 ? text : text.slice(0, bad));
}

/** Length of the prefix of `buf` that ends on a UTF-8 character boundary (at most 3 bytes are held back). */
function completeLength(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
