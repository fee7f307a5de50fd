import {
  err,
  ok,
  formatProblem,
  salvoError,
  SalvoFailure,
  type Problem,
  type Result,
} from '../../kernel/index.js';
import type { ImportSession, ModelRegistration, RegistryStore, WriteCount } from '../ports.js';

export interface ImportFile {
  /** The path as the user gave it (for messages). */
  readonly label: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

export interface MappedRow<D> {
  readonly drafts: readonly D[];
  readonly problems: readonly Problem[];
  readonly models?: readonly ModelRegistration[];
  readonly warnings?: readonly string[];
}

/** What one importer kind contributes: how to read its first record, map a row, and write the drafts. */
export interface RowMapper<R, D> {
  readonly kind: string;
  readonly importer: { readonly name: string; readonly version: string };
  /** Problems with the first record (e.g. a header); `consumesFirst` says whether it is a header, not a row. */
  start(first: R): { problems: readonly Problem[]; consumesFirst: boolean };
  map(record: R): MappedRow<D>;
  write(session: ImportSession, sourceId: string, drafts: readonly D[]): Promise<WriteCount>;
  lineOf(record: R): number;
}

export interface RejectSink<R> {
  reject(record: R, problems: readonly Problem[]): void;
  /** Where the rejected rows went (printed to the user). */
  readonly path: string;
  close(): Promise<void>;
}

export interface ImportOptions<R> {
  readonly file: ImportFile;
  readonly batches: AsyncIterable<readonly R[]>;
  readonly skipInvalid: boolean;
  /** The import's time (ISO 8601 UTC), passed in: services do not read the clock. */
  readonly now: string;
  readonly rejects?: RejectSink<R>;
  readonly onProgress?: (rowsRead: number) => void;
}

export interface ImportSummary {
  readonly kind: string;
  readonly file: string;
  readonly sha256: string;
  readonly sourceId: string;
  readonly alreadyImported: boolean;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsSkipped: number;
  readonly rowsRejected: number;
  readonly recordsWritten: number;
  readonly duplicates: number;
  readonly rejectsFile?: string;
  readonly warnings: readonly string[];
  readonly problems: readonly Problem[];
}

/** Problems kept in memory (and printed); beyond this only the count grows. */
const MAX_PROBLEMS = 10_000;
const BATCH = 500;

export const sourceIdOf = (sha256: string): string => `src_${sha256.slice(0, 16)}`;

/**
 * Imports one file in ONE transaction. By default any invalid row rejects the whole file: every problem is
 * listed (FILE:LINE: field: reason) and nothing is stored. With `skipInvalid`, valid rows are imported and
 * the rejected ones go to the reject sink. The same bytes imported twice add nothing (the source's SHA-256 is
 * unique), and rows already stored from another file are skipped as duplicates, not stored twice.
 */
export async function runImport<R, D>(
  store: RegistryStore,
  mapper: RowMapper<R, D>,
  opts: ImportOptions<R>,
): Promise<Result<ImportSummary>> {
  const sourceId = sourceIdOf(opts.file.sha256);
  const base = { kind: mapper.kind, file: opts.file.label, sha256: opts.file.sha256, sourceId };
  const existing = await store.findSourceBySha256(opts.file.sha256);
  if (existing) {
    return ok({
      ...base,
      sourceId: existing.id,
      alreadyImported: true,
      rowsRead: 0,
      rowsImported: 0,
      rowsSkipped: 0,
      rowsRejected: 0,
      recordsWritten: 0,
      duplicates: 0,
      warnings: [
        `${opts.file.label} was already imported on ${existing.importedAt} (${existing.rowsImported} rows); nothing added`,
      ],
      problems: [],
    });
  }

  const problems: Problem[] = [];
  let problemCount = 0;
  const addProblems = (ps: readonly Problem[]): void => {
    problemCount += ps.length;
    for (const p of ps) if (problems.length < MAX_PROBLEMS) problems.push({ file: opts.file.label, ...p });
  };
  const warnings = new Set<string>();
  let rowsRead = 0;
  let rowsImported = 0;
  let rowsRejected = 0;
  let rowsSkipped = 0;
  let written = 0;
  let duplicates = 0;

  try {
    const summary = await store.inImportTransaction(async (session) => {
      await session.recordSource({
        id: sourceId,
        kind: mapper.kind,
        fileName: opts.file.fileName,
        sha256: opts.file.sha256,
        sizeBytes: opts.file.sizeBytes,
        importer: mapper.importer.name,
        importerVersion: mapper.importer.version,
        importedAt: opts.now,
        rowsRead: 0,
        rowsImported: 0,
        rowsRejected: 0,
      });
      let first = true;
      let pending: D[] = [];
      let pendingRows = 0;
      const models = new Map<string, ModelRegistration>();
      const flush = async (): Promise<void> => {
        if (pending.length === 0) return;
        if (models.size > 0) {
          await session.registerModels([...models.values()]);
          models.clear();
        }
        const c = await mapper.write(session, sourceId, pending);
        written += c.inserted;
        duplicates += c.duplicates;
        rowsImported += pendingRows;
        pending = [];
        pendingRows = 0;
      };
      for await (const batch of opts.batches) {
        for (const record of batch) {
          if (first) {
            first = false;
            const s = mapper.start(record);
            if (s.problems.length > 0) {
              addProblems(s.problems);
              // A bad header makes every row meaningless: stop here.
              throw new SalvoFailure(
                salvoError('INVALID_INPUT', `${opts.file.label}: the header is not right`, problems),
              );
            }
            if (s.consumesFirst) continue;
          }
          rowsRead++;
          const m = mapper.map(record);
          for (const w of m.warnings ?? []) warnings.add(w);
          if (m.problems.length > 0) {
            addProblems(m.problems);
            rowsRejected++;
            opts.rejects?.reject(record, m.problems);
            continue;
          }
          if (problemCount > 0 && !opts.skipInvalid) continue; // the file will be rejected: keep checking only
          for (const model of m.models ?? []) models.set(model.id, model);
          if (m.drafts.length === 0) rowsSkipped++;
          pending.push(...m.drafts);
          pendingRows++;
          if (pending.length >= BATCH) await flush();
        }
        opts.onProgress?.(rowsRead);
      }
      if (first) {
        throw new SalvoFailure(
          salvoError('INVALID_INPUT', `${opts.file.label} is empty`, [
            { file: opts.file.label, reason: 'the file is empty' },
          ]),
        );
      }
      if (rowsRead === 0) {
        throw new SalvoFailure(
          salvoError('INVALID_INPUT', `${opts.file.label} has no data rows`, [
            { file: opts.file.label, line: 2, reason: 'a header but no data rows' },
          ]),
        );
      }
      if (problemCount > 0 && !opts.skipInvalid) {
        const more = problemCount > problems.length ? ` (the first ${problems.length} are listed)` : '';
        throw new SalvoFailure(
          salvoError(
            'INVALID_INPUT',
            `${opts.file.label}: ${rowsRejected} invalid row(s), ${problemCount} problem(s)${more}; nothing was imported (use --skip-invalid to import the valid rows)`,
            problems,
          ),
        );
      }
      await flush();
      await session.updateSourceCounts(sourceId, { rowsRead, rowsImported, rowsRejected });
      return {
        ...base,
        alreadyImported: false,
        rowsRead,
        rowsImported,
        rowsSkipped,
        rowsRejected,
        recordsWritten: written,
        duplicates,
        ...(opts.rejects && rowsRejected > 0 ? { rejectsFile: opts.rejects.path } : {}),
        warnings: [...warnings],
        problems,
      } satisfies ImportSummary;
    });
    return ok(summary);
  } catch (e) {
    if (e instanceof SalvoFailure) {
      const problems = e.error.problems?.map((p) => (p.file ? p : { file: opts.file.label, ...p }));
      return err(problems ? { ...e.error, problems } : e.error);
    }
    throw e;
  } finally {
    await opts.rejects?.close();
  }
}

export const describeProblems = (ps: readonly Problem[]): string[] => ps.map(formatProblem);
