import { basename, resolve } from 'node:path';
import { formatProblem, type Problem } from '../../kernel/index.js';
import type { RejectSink } from '../../registry/services/run-import.js';
import { AtomicFileWriter, csvLine } from './atomic-write.js';

/**
 * Rejected rows of a CSV import, as CSV: `line, problems`, then the original fields. Created on the first
 * rejected row; written atomically.
 */
export function csvRejectSink(
  inputLabel: string,
  path?: string,
): RejectSink<{ line: number; fields: readonly string[] }> & {
  setHeader(h: readonly string[]): void;
} {
  const target = resolve(path ?? `${basename(inputLabel)}.rejects.csv`);
  let writer: AtomicFileWriter | undefined;
  let header: readonly string[] = [];
  return {
    path: target,
    setHeader(h) {
      header = h;
    },
    reject(record, problems: readonly Problem[]) {
      if (!writer) {
        writer = new AtomicFileWriter(target);
        writer.write(csvLine(['line', 'problems', ...header]));
      }
      writer.write(csvLine([String(record.line), problems.map(formatProblem).join('; '), ...record.fields]));
    },
    async close() {
      writer?.commit();
    },
  };
}
