import { z } from 'zod';
import { EVENT_TYPES, HEX64, RECORD_FORMAT, type CustodyRecord } from './custody-event.js';

const iso = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'ISO 8601 UTC with milliseconds');
const hex = z.string().regex(HEX64, '64 lower-case hex digits');
const json: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(json), z.record(z.string(), json)]),
);

/** The exact shape of a custody record; unknown members are refused (they would be unsigned meaning). */
export const custodyRecordSchema = z
  .object({
    actor: z.string().min(1),
    at: iso,
    details: z.record(z.string(), json),
    event: z.enum(EVENT_TYPES),
    format: z.literal(RECORD_FORMAT),
    index: z.number().int().nonnegative(),
    item: z.string().min(1),
    itemPrev: hex.nullable(),
    key: z.string().min(1),
    loggedAt: iso,
    place: z.string().nullable(),
    prev: hex,
  })
  .strict();

/** Parses a record text; a reason when it is not JSON or not a custody record. */
export function parseRecordText(
  text: string,
): { ok: true; record: CustodyRecord } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `record is not JSON (${(e as Error).message})` };
  }
  const r = custodyRecordSchema.safeParse(raw);
  if (!r.success)
    return {
      ok: false,
      reason: `record is malformed: ${r.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ')}`,
    };
  return { ok: true, record: r.data as CustodyRecord };
}
