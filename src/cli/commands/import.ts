import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { sha256File, sha256Hex } from '../../infra/crypto/hash.js';
import { csvRecords } from '../../infra/files/csv-records.js';
import { csvRejectSink } from '../../infra/files/rejects.js';
import { readUtf8Chunks } from '../../infra/files/utf8-chunks.js';
import { readCnsJson, readCnsXlsx } from '../../infra/importers/cns-files.js';
import { registryStore } from '../../infra/registry/kysely-registry-store.js';
import { airforceMapper, type TextRecord } from '../../registry/importers/airforce-mapper.js';
import { boundariesMapper } from '../../registry/importers/boundaries.js';
import { cnsMapper, type CnsRecord } from '../../registry/importers/cns.js';
import { readJsonFile } from '../../infra/files/read-json.js';
import { incidentsMapper } from '../../registry/importers/incidents.js';
import { runImport, type ImportSummary, type RowMapper } from '../../registry/services/run-import.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { printJson, reportError, runCommand } from '../run.js';
import type { Store } from '../../infra/db/database.js';
import type { Result } from '../../kernel/index.js';

export const IMPORT_KINDS = ['airforce', 'incidents', 'cns', 'boundaries'] as const;
type Kind = (typeof IMPORT_KINDS)[number];

interface ImportCliOptions extends GlobalOptions {
  skipInvalid?: boolean;
  rejects?: string;
  types?: string;
  facilities?: string;
}

async function importCsv<D>(
  store: Store,
  file: string,
  mapper: RowMapper<TextRecord, D>,
  opts: ImportCliOptions,
  io: Io,
): Promise<Result<ImportSummary>> {
  const { sha256, sizeBytes } = await sha256File(file);
  const text = readUtf8Chunks(file);
  const rejects = opts.skipInvalid ? csvRejectSink(file, opts.rejects) : undefined;
  const bar = progressBar(io, `import ${mapper.kind}`, sizeBytes, !opts.json);
  const start = mapper.start.bind(mapper);
  const withHeader: RowMapper<TextRecord, D> = {
    ...mapper,
    start: (first) => {
      rejects?.setHeader(first.fields);
      return start(first);
    },
  };
  try {
    return await runImport(registryStore(store), withHeader, {
      file: { label: file, fileName: basename(file), sha256, sizeBytes },
      batches: csvRecords(text.chunks, { label: file }),
      skipInvalid: Boolean(opts.skipInvalid),
      now: new Date().toISOString(),
      rejects,
      onProgress: () => bar.update(text.bytesRead()),
    });
  } finally {
    bar.stop();
  }
}

async function importCns(store: Store, file: string, opts: ImportCliOptions): Promise<Result<ImportSummary>> {
  const { sha256, sizeBytes } = await sha256File(file);
  const ext = extname(file).toLowerCase();
  let records: CnsRecord[];
  let ctx = { types: {}, facilities: {} };
  const warnings: string[] = [];
  if (ext === '.xlsx') {
    records = await readCnsXlsx(file, file);
  } else if (ext === '.json') {
    const j = await readCnsJson(file, file, { typesPath: opts.types, facilitiesPath: opts.facilities });
    records = j.records;
    ctx = { types: j.types, facilities: j.facilities };
    warnings.push(
      j.companions.types
        ? `missile types from ${j.companions.types}`
        : 'no missile-types file found: names stay as keys (use --types)',
      j.companions.facilities
        ? `facilities from ${j.companions.facilities}`
        : 'no facilities file found: no coordinates (use --facilities)',
    );
  } else {
    throw new SalvoFailure(
      salvoError(
        'UNSUPPORTED',
        `${file}: the cns importer reads .json (nagix layout) or .xlsx (CNS spreadsheet)`,
        [{ file, reason: `unsupported extension '${ext || '(none)'}'` }],
      ),
    );
  }
  async function* one(): AsyncGenerator<CnsRecord[]> {
    yield records;
  }
  const r = await runImport(registryStore(store), cnsMapper(ctx, sha256Hex), {
    file: { label: file, fileName: basename(file), sha256, sizeBytes },
    batches: one(),
    skipInvalid: Boolean(opts.skipInvalid),
    now: new Date().toISOString(),
  });
  return r.ok ? { ok: true, value: { ...r.value, warnings: [...warnings, ...r.value.warnings] } } : r;
}

async function importBoundaries(
  store: Store,
  file: string,
  opts: ImportCliOptions,
): Promise<Result<ImportSummary>> {
  const { sha256, sizeBytes } = await sha256File(file);
  const doc = (await readJsonFile(file)) as { type?: unknown; features?: unknown };
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
    throw new SalvoFailure(
      salvoError('INVALID_INPUT', `${file} is not a GeoJSON FeatureCollection`, [
        {
          file,
          field: 'type',
          reason: `expected "FeatureCollection", found ${JSON.stringify(doc.type ?? null)}`,
        },
      ]),
    );
  const features = doc.features.map((value, index) => ({ index, value }));
  async function* one(): AsyncGenerator<typeof features> {
    yield features;
  }
  return runImport(registryStore(store), boundariesMapper(sha256.slice(0, 12)), {
    file: { label: file, fileName: basename(file), sha256, sizeBytes },
    batches: one(),
    skipInvalid: Boolean(opts.skipInvalid),
    now: new Date().toISOString(),
  });
}

export function printImportSummary(io: Io, s: ImportSummary): void {
  if (s.alreadyImported) {
    io.out(`${s.file}: already imported (source ${s.sourceId}); nothing added.`);
    return;
  }
  io.out(
    `${s.file}: imported ${s.rowsImported} of ${s.rowsRead} rows as ${s.recordsWritten} records` +
      (s.duplicates ? ` (${s.duplicates} already stored, skipped)` : '') +
      (s.rowsRejected ? `; ${s.rowsRejected} rejected` : '') +
      ` [source ${s.sourceId}, sha256 ${s.sha256.slice(0, 12)}…]`,
  );
  if (s.rejectsFile) io.out(`rejected rows written to ${s.rejectsFile}`);
  for (const w of s.warnings.slice(0, 20)) io.err(`note: ${w}`);
}

export function registerImport(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('import')
    .description('import a file into the store, in one transaction (same file twice adds nothing)')
    .argument('<kind>', `one of: ${IMPORT_KINDS.join(', ')}`)
    .argument('<file>', 'the file to import')
    .option('--skip-invalid', 'import the valid rows; write the rejected ones to a rejects file')
    .option('--rejects <path>', 'where --skip-invalid writes rejected rows (default ./<file>.rejects.csv)')
    .option('--types <file>', 'cns (JSON): the missile-types companion file')
    .option('--facilities <file>', 'cns (JSON): the facilities companion file')
    .addHelpText(
      'after',
      `
Kinds:
  airforce   the "Massive Missile Attacks on Ukraine" daily CSV (Ivaniuk / Ukrainian Air Force)
  incidents  Salvo's incidents CSV (docs/formats.md)
  cns        the CNS North Korea missile test database: nagix JSON or the CNS .xlsx
  boundaries admin-1 boundaries as a GeoJSON FeatureCollection (geoBoundaries, Natural Earth), on ISO 3166-2 codes

Exit codes: 0 imported (or already imported), 2 invalid input (nothing stored), 4 file not found,
5 conflict with stored incidents, 74 I/O failure.`,
    )
    .action(async (kind: string, file: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ImportCliOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
            return reportError(
              io,
              salvoError(
                'INVALID_INPUT',
                `unknown import kind '${kind}' (one of: ${IMPORT_KINDS.join(', ')})`,
              ),
              Boolean(opts.json),
            );
          }
          const result = await withStore(opts, (store) => {
            switch (kind as Kind) {
              case 'airforce':
                return importCsv(store, file, airforceMapper(sha256Hex), opts, io);
              case 'incidents':
                return importCsv(store, file, incidentsMapper(sha256Hex), opts, io);
              case 'cns':
                return importCns(store, file, opts);
              case 'boundaries':
                return importBoundaries(store, file, opts);
            }
          });
          if (!result.ok) return reportError(io, result.error, Boolean(opts.json));
          if (opts.json) printJson(io, { ok: true, ...result.value });
          else printImportSummary(io, result.value);
          return EXIT.OK;
        }),
      );
    });
}
