/**
 * Expected failures are data (a Result with a stable code); bugs throw. Learned from zod's safeParse.
 */
export type Result<T, E = SalvoError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Stable error codes. CLI exit codes and HTTP statuses are mapped from these in one place each. */
export const ERROR_CODES = [
  'INVALID_INPUT', // a file, row, field or argument is malformed
  'NOT_FOUND', // an id that does not exist
  'CONFLICT', // a write that would contradict what is stored
  'INTEGRITY', // a hash, chain, signature or Merkle root does not verify
  'UNSUPPORTED', // a format or option Salvo does not handle
  'NOT_CONVERGED', // a numerical method did not converge
  'FORBIDDEN', // the actor may not do this
  'IO', // the outside world failed (disk, network)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem at one place: `FILE:LINE: field: reason`. */
export interface Problem {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly reason: string;
}

export interface SalvoError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly problems?: readonly Problem[];
}

export const salvoError = (code: ErrorCode, message: string, problems?: readonly Problem[]): SalvoError =>
  problems ? { code, message, problems } : { code, message };

/** `FILE:LINE: field: reason`, omitting the parts that are unknown. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line === undefined ? undefined : String(p.line)]
    .filter((s) => s !== undefined)
    .join(':');
  const head = [where || undefined, p.field].filter((s) => s !== undefined).join(': ');
  return head ? `${head}: ${p.reason}` : p.reason;
}

/** Thrown where a Result cannot be returned (deep inside a stream, a transaction callback); caught at the edge. */
export class SalvoFailure extends Error {
  constructor(readonly error: SalvoError) {
    super(error.message);
    this.name = 'SalvoFailure';
  }
}
