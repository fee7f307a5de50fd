import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseCatalogue, type Catalogue } from '../../identification/index.js';
import { SalvoFailure, salvoError } from '../../kernel/index.js';

/** The catalogue shipped with Salvo (catalogue/ at the package root), from src/ or dist/ alike. */
export const DEFAULT_CATALOGUE = fileURLToPath(
  new URL('../../../catalogue/salvo-catalogue.json', import.meta.url),
);

/** Reads and parses JSON, naming the line of a syntax error. */
export async function readJsonFile(path: string, label = path): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SalvoFailure(
      salvoError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read ${label}`, [
        { file: label, reason: code === 'ENOENT' ? 'no such file' : (e as Error).message },
      ]),
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const line = first ? text.slice(0, first.offset).split('\n').length : undefined;
    throw new SalvoFailure(
      salvoError('INVALID_INPUT', `${label} is not valid JSON`, [
        {
          file: label,
          ...(line ? { line } : {}),
          reason: `not valid JSON (${first ? printParseErrorCode(first.error) : 'parse error'})`,
        },
      ]),
    );
  }
}

/** Loads and validates a catalogue; every problem names its path (types[3].bodyDiameterM.min). */
export async function loadCatalogue(path = DEFAULT_CATALOGUE): Promise<Catalogue> {
  const label = path === DEFAULT_CATALOGUE ? 'catalogue/salvo-catalogue.json' : path;
  const r = parseCatalogue(await readJsonFile(path, label), label);
  if (!r.ok) throw new SalvoFailure(r.error);
  return r.value;
}
