import { z } from 'zod';
import { isCalendarDate, parseIsoInstant } from '../kernel/index.js';

/**
 * Shared pieces of the HTTP contract (issue 6). Every request and response of the API is a zod schema in this
 * folder; the OpenAPI document at /api/openapi.json is generated from them and the web UI reuses them.
 */

/** Stable error codes of the API: the kernel's codes plus those that only HTTP has. */
export const API_ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INTEGRITY',
  'UNSUPPORTED',
  'NOT_CONVERGED',
  'FORBIDDEN',
  'IO',
  'UNAUTHENTICATED',
  'TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
  'RATE_LIMITED',
] as const;
export const ApiErrorCode = z.enum(API_ERROR_CODES).meta({ id: 'ErrorCode' });
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const Problem = z
  .object({
    file: z.string().optional(),
    line: z.number().int().optional(),
    field: z.string().optional(),
    reason: z.string(),
  })
  .meta({ id: 'Problem' });

export const ErrorBody = z
  .object({
    ok: z.literal(false),
    error: z.object({ code: ApiErrorCode, message: z.string(), problems: z.array(Problem) }),
  })
  .meta({ id: 'Error', description: 'Every failure: a stable code, a message, and the problems found.' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Identifiers in paths: printable, no slashes or dots-only names, bounded. */
export const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_:.@-]*$/, 'letters, digits and _ : . @ - only');

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(500)
  .default(100)
  .meta({ description: 'Page size (1-500, default 100).' });

export const Cursor = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, 'an opaque cursor from a previous page')
  .optional()
  .meta({ description: 'The `nextCursor` of the previous page.' });

/** ISO 8601 with a zone, or a calendar date (UTC). `end` maps a date to the start of the next day. */
const instantOrDate = (end: boolean) =>
  z
    .string()
    .max(40)
    .transform((text, ctx) => {
      if (isCalendarDate(text)) {
        const d = new Date(`${text}T00:00:00.000Z`);
        if (end) d.setUTCDate(d.getUTCDate() + 1);
        return d.toISOString();
      }
      const t = parseIsoInstant(text);
      if (t === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'not an ISO 8601 instant with a zone nor a YYYY-MM-DD date',
        });
        return z.NEVER;
      }
      return new Date(t).toISOString();
    });

export const From = instantOrDate(false)
  .optional()
  .meta({ description: 'Inclusive lower bound: ISO 8601 instant with a zone, or YYYY-MM-DD (UTC).' });
export const To = instantOrDate(true).optional().meta({
  description: 'Exclusive upper bound instant, or YYYY-MM-DD meaning up to the end of that day (UTC).',
});

/** `west,south,east,north` in degrees (WGS84); no antimeridian crossing. */
export const Bbox = z
  .string()
  .max(120)
  .transform((text, ctx) => {
    const parts = text.split(',').map((s) => s.trim());
    const nums = parts.map(Number);
    const [w, s, e, n] = nums;
    if (
      parts.length !== 4 ||
      parts.some((p) => p === '') ||
      nums.some((x) => !Number.isFinite(x)) ||
      w === undefined ||
      s === undefined ||
      e === undefined ||
      n === undefined
    ) {
      ctx.addIssue({ code: 'custom', message: 'bbox is west,south,east,north in degrees' });
      return z.NEVER;
    }
    if (w < -180 || e > 180 || s < -90 || n > 90 || w > e || s > n) {
      ctx.addIssue({
        code: 'custom',
        message: 'bbox out of range: -180 <= west <= east <= 180, -90 <= south <= north <= 90',
      });
      return z.NEVER;
    }
    return { west: w, south: s, east: e, north: n };
  })
  .optional()
  .meta({ description: 'west,south,east,north in degrees (WGS84), e.g. 30,46,40,52.' });
export type BboxValue = { west: number; south: number; east: number; north: number };

/** ISO 3166-2 code such as UA-63 or RU-BEL. */
export const RegionCode = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'an ISO 3166-2 code such as UA-63 or RU-BEL');

/** A model id or label as the registry knows it. */
export const ModelLabel = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N} ./()_+-]+$/u, 'a model id or label');

export const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({ items: z.array(item), nextCursor: z.string().nullable() })
    .meta({ id, description: 'One page; follow `nextCursor` (null on the last page).' });

export const Sensitivity = z.enum(['public', 'restricted', 'sealed']).meta({ id: 'Sensitivity' });
export type Sensitivity = z.infer<typeof Sensitivity>;

export const Role = z.enum(['viewer', 'analyst', 'custodian', 'admin']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;
