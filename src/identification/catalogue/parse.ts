import type { z } from 'zod';
import { err, ok, salvoError, type Problem, type Result } from '../../kernel/index.js';
import { catalogueSchema, type Catalogue } from './schema.js';

/** `types[3].bodyDiameterM.min` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${String(p)}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** Turns zod issues into Salvo problems that name the field (unknown keys are named individually). */
export function zodProblems(error: z.ZodError, file?: string): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const base = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = base === '' ? key : `${base}.${key}`;
        problems.push(
          file === undefined ? { field, reason: 'unknown field' } : { file, field, reason: 'unknown field' },
        );
      }
      continue;
    }
    const p: Problem = { field: base === '' ? '(root)' : base, reason: issue.message };
    problems.push(file === undefined ? p : { file, ...p });
  }
  return problems;
}

/**
 * Validates parsed JSON against the catalogue schema. Expected failure (bad file) → INVALID_INPUT with one
 * problem per issue, each naming its path (`types[3].bodyDiameterM.min: Too small: expected number to be >=0`).
 */
export function parseCatalogue(json: unknown, file?: string): Result<Catalogue> {
  const r = catalogueSchema.safeParse(json);
  if (r.success) return ok(r.data);
  const problems = zodProblems(r.error, file);
  return err(
    salvoError('INVALID_INPUT', `catalogue is invalid (${String(problems.length)} problem(s))`, problems),
  );
}
