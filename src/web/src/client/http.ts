import type { z } from 'zod';
import { ErrorBody, type ApiErrorCode } from '../../../contract/index.js';

/**
 * The one place the UI talks HTTP. Every response is checked against the contract's zod schema, so a server
 * that drifts from the contract fails loudly here instead of drawing wrong figures.
 *
 * Why not `hc<AppType>`: the web may import only `src/contract` and `src/kernel` (lint rule), and `AppType`
 * lives in `src/api`. The contract's schemas give the same request and response types.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'NETWORK' | 'BAD_RESPONSE',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Readonly<Record<string, string | number | boolean | undefined | null>>;

/** The session's CSRF token: from the login answer, and again from GET /api/auth/me after a reload. */
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Base URL of the API (same origin by default; tests and the dev server keep it so). */
const base = (): string => '';

export function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  if (query)
    for (const [k, v] of Object.entries(query))
      if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `${base()}${path}${s ? `?${s}` : ''}`;
}

interface Init {
  readonly method?: 'GET' | 'POST';
  readonly query?: Query;
  readonly json?: unknown;
  readonly body?: Blob;
  readonly signal?: AbortSignal;
}

async function send(path: string, init: Init): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.body) {
    headers['content-type'] = 'application/octet-stream';
    body = init.body;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(url(path, init.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: init.signal ?? null,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
}

async function failure(res: Response): Promise<ApiError> {
  let parsed: ReturnType<typeof ErrorBody.safeParse> | undefined;
  try {
    parsed = ErrorBody.safeParse(await res.json());
  } catch {
    parsed = undefined;
  }
  if (parsed?.success) return new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(res.status, res.status === 404 ? 'NOT_FOUND' : 'BAD_RESPONSE', `HTTP ${res.status}`);
}

/** A JSON request whose answer must match `schema`. */
export async function request<S extends z.ZodType>(
  schema: S,
  path: string,
  init: Init = {},
): Promise<z.output<S>> {
  const res = await send(path, init);
  if (!res.ok) throw await failure(res);
  const data: unknown = await res.json();
  const r = schema.safeParse(data);
  if (!r.success)
    throw new ApiError(
      res.status,
      'BAD_RESPONSE',
      `${path}: the answer does not match the contract (${r.error.message})`,
    );
  return r.data;
}

/** Like `request` but without validation (bulk columnar data, validated by shape in the caller). */
export async function requestRaw(path: string, init: Init = {}): Promise<unknown> {
  const res = await send(path, init);
  if (!res.ok) throw await failure(res);
  return res.json();
}
