import { readFile } from 'node:fs/promises';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { SalvoFailure, salvoError } from '../../kernel/index.js';

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
