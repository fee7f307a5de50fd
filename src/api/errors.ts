import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrorBody, type ApiErrorCode } from '../contract/index.js';
import { SalvoFailure, type Problem } from '../kernel/index.js';
import type { AppEnv } from './env.js';

/** The one mapping from stable error codes to HTTP statuses (the CLI's is src/cli/exit-codes.ts). */
export const HTTP_STATUS: Readonly<Record<ApiErrorCode, ContentfulStatusCode>> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED: 415,
  INTEGRITY: 422,
  NOT_CONVERGED: 422,
  INTERNAL: 500,
  IO: 503,
  UNAVAILABLE: 503,
  RATE_LIMITED: 429,
};

/** An expected failure raised by the API layer itself (auth, limits), carried like the services' failures. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    /** Response headers the failure needs (Retry-After of a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const fail = (code: ApiErrorCode, message: string, field?: string): never => {
  throw new ApiFailure(code, message, field ? [{ field, reason: message }] : []);
};

export function errorBody(code: ApiErrorCode, message: string, problems: readonly Problem[] = []): ErrorBody {
  return { ok: false, error: { code, message, problems: problems.map((p) => ({ ...p })) } };
}

const fromHttpStatus = (status: number): ApiErrorCode =>
  status === 401
    ? 'UNAUTHENTICATED'
    : status === 403
      ? 'FORBIDDEN'
      : status === 404
        ? 'NOT_FOUND'
        : status === 413
          ? 'TOO_LARGE'
          : status === 415
            ? 'UNSUPPORTED'
            : status >= 500
              ? 'INTERNAL'
              : 'INVALID_INPUT';

/**
 * Every error of every route ends here: expected failures become their status and stable code; anything else
 * is a bug, logged with its stack and answered with 500 INTERNAL and no detail (never a stack trace).
 */
export function onError(e: Error, c: Context<AppEnv>): Response {
  let code: ApiErrorCode;
  let message: string;
  let problems: readonly Problem[] = [];
  let headers: Readonly<Record<string, string>> = {};
  if (e instanceof SalvoFailure) {
    ({ code, message } = e.error);
    problems = e.error.problems ?? [];
  } else if (e instanceof ApiFailure) {
    ({ code, message, problems, headers } = e);
  } else if (e instanceof HTTPException) {
    code = fromHttpStatus(e.status);
    message = e.status === 400 ? `malformed request: ${e.message}` : e.message || code;
  } else {
    const log = c.get('log');
    log?.error({ err: e, requestId: c.get('requestId') }, 'unexpected failure');
    code = 'INTERNAL';
    message = `unexpected failure (a bug); request id ${c.get('requestId') ?? 'unknown'}`;
  }
  return c.json(errorBody(code, message, problems), HTTP_STATUS[code], headers);
}

interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The validation hook of every route: a zod failure becomes 400 INVALID_INPUT with one problem per issue. */
export function validationHook(
  result: { success: true } | { success: false; error: { issues: readonly ZodIssueLike[] }; target?: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const problems = result.error.issues.slice(0, 50).map((i) => ({
    field: i.path.map(String).join('.') || result.target || 'body',
    reason: i.message,
  }));
  return c.json(
    errorBody(
      'INVALID_INPUT',
      `invalid ${result.target ?? 'request'}: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
      problems,
    ),
    400,
  );
}

/** Error responses for the OpenAPI document. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429)[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }
  > = {};
  for (const s of statuses)
    out[s] = { description: `Error (${s})`, content: { 'application/json': { schema: ErrorBody } } };
  return out;
}
