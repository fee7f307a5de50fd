import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/**
 * Writes a file atomically: to a temporary file in the same folder, fsync, then rename over the target, so a
 * reader (or a crash) sees either the old file or the whole new one, never a half-written one.
 */
export function atomicWriteFileSync(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    const dfd = openSync(dirname(path), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Some file systems do not allow fsync on a directory; the rename is still atomic.
  }
}

/** A streaming writer with the same guarantee: nothing appears at `path` until `commit()`. */
export class AtomicFileWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private done = false;
  constructor(readonly path: string) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = openSync(this.tmp, 'w', 0o644);
  }
  write(text: string): void {
    writeSync(this.fd, text);
  }
  commit(): void {
    if (this.done) return;
    this.done = true;
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
  abort(): void {
    if (this.done) return;
    this.done = true;
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}

/** RFC 4180 quoting of one field. */
export const csvField = (v: string): string =>
  /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
export const csvLine = (fields: readonly string[]): string => fields.map(csvField).join(',') + '\n';
