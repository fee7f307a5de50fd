import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import readXlsxFile from 'read-excel-file/node';
import { SalvoFailure, salvoError } from '../../kernel/index.js';
import type { CnsFacilities, CnsRecord, CnsTypes } from '../../registry/importers/cns.js';

/** Larger files are refused rather than loaded whole (the CNS files are a few hundred kB). */
const MAX_BYTES = 64 << 20;

const invalid = (label: string, reason: string, line?: number): SalvoFailure =>
  new SalvoFailure(
    salvoError('INVALID_INPUT', `${label}: ${reason}`, [{ file: label, ...(line ? { line } : {}), reason }]),
  );

async function readJson(path: string, label: string): Promise<unknown> {
  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw new SalvoFailure(
      salvoError('NOT_FOUND', `cannot read ${label}: no such file`, [
        { file: label, reason: 'no such file' },
      ]),
    );
  if (info.size > MAX_BYTES) throw invalid(label, `larger than ${MAX_BYTES >> 20} MiB`);
  if (info.size === 0) throw invalid(label, 'the file is empty');
  const buf = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw invalid(label, 'not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse does not say where; jsonc-parser (strict mode) gives the offset of the first error.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const line = first ? text.slice(0, first.offset).split('\n').length : undefined;
    throw invalid(
      label,
      `not valid JSON (${first ? printParseErrorCode(first.error) : 'parse error'})`,
      line,
    );
  }
}

async function sibling(path: string, pattern: RegExp): Promise<string | undefined> {
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const hit = names.filter((n) => pattern.test(n)).sort()[0];
  return hit ? join(dir, hit) : undefined;
}

export interface CnsJsonInput {
  readonly records: CnsRecord[];
  readonly types: CnsTypes;
  readonly facilities: CnsFacilities;
  readonly companions: { readonly types?: string; readonly facilities?: string };
}

/**
 * The nagix JSON layout: `{timeBins: [{year, data: [test...]}]}`, with companion files for missile types
 * (`{key: {name, type, maneuver}}`) and facilities (`{facilities: {key: {name, lat, lon}}}`). Companions are
 * taken from the options, else from files in the same folder whose names match (*missile*types* /
 * *missile.*.json, *facilit*).
 */
export async function readCnsJson(
  path: string,
  label: string,
  opts: { typesPath?: string; facilitiesPath?: string } = {},
): Promise<CnsJsonInput> {
  const doc = await readJson(path, label);
  const bins = (doc as { timeBins?: unknown }).timeBins;
  const records: CnsRecord[] = [];
  if (Array.isArray(bins)) {
    bins.forEach((bin, b) => {
      const data = (bin as { data?: unknown }).data;
      if (!Array.isArray(data)) throw invalid(label, `timeBins[${b}].data is not a list`);
      data.forEach((value, i) =>
        records.push({
          layout: 'json',
          path: `timeBins[${b}].data[${i}]`,
          ordinal: records.length + 1,
          value,
        }),
      );
    });
  } else if (Array.isArray(doc)) {
    doc.forEach((value, i) => records.push({ layout: 'json', path: `[${i}]`, ordinal: i + 1, value }));
  } else {
    throw invalid(label, 'not a CNS test file: expected {timeBins: [...]} or a list of tests');
  }
  const typesPath =
    opts.typesPath ?? (await sibling(path, /missile.*types.*\.json$|^missile\.[a-z]{2}\.json$/i));
  const facilitiesPath = opts.facilitiesPath ?? (await sibling(path, /facilit.*\.json$/i));
  const types = typesPath ? ((await readJson(typesPath, typesPath)) as CnsTypes) : {};
  const facDoc = facilitiesPath
    ? ((await readJson(facilitiesPath, facilitiesPath)) as { facilities?: CnsFacilities })
    : {};
  return {
    records,
    types: typeof types === 'object' && types !== null ? types : {},
    facilities: facDoc.facilities ?? (facDoc as CnsFacilities),
    companions: {
      ...(typesPath ? { types: basename(typesPath) } : {}),
      ...(facilitiesPath ? { facilities: basename(facilitiesPath) } : {}),
    },
  };
}

/** The original spreadsheet: the "Missile Tests" sheet from its header row on; rows numbered as Excel shows. */
export async function readCnsXlsx(path: string, label: string): Promise<CnsRecord[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw new SalvoFailure(
      salvoError('NOT_FOUND', `cannot read ${label}: no such file`, [
        { file: label, reason: 'no such file' },
      ]),
    );
  if (info.size > MAX_BYTES) throw invalid(label, `larger than ${MAX_BYTES >> 20} MiB`);
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(path);
  } catch (e) {
    throw invalid(label, `not a readable .xlsx workbook (${(e as Error).message})`);
  }
  const sheet = sheets.find((s) => s.sheet.trim().toLowerCase() === 'missile tests');
  if (!sheet)
    throw invalid(label, `no "Missile Tests" sheet (sheets: ${sheets.map((s) => s.sheet).join(', ')})`);
  const headerIndex = sheet.data.findIndex((row) => row.some((c) => c === 'Missile Name'));
  if (headerIndex === -1)
    throw invalid(label, 'the Missile Tests sheet has no header row with "Missile Name"');
  const out: CnsRecord[] = [];
  sheet.data.forEach((cells, i) => {
    if (i < headerIndex) return;
    if (i > headerIndex && cells.every((c) => c === null || c === '')) return;
    out.push({ layout: 'xlsx', row: i + 1, cells });
  });
  return out;
}
