import { z } from 'zod';
import { canonicalJson } from './canonical.js';
import { CHECKPOINT_FORMAT, type CheckpointRecord } from './checkpoint.js';
import { HEX64 } from './custody-event.js';

export const checkpointSchema = z
  .object({
    actor: z.string().min(1),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    format: z.literal(CHECKPOINT_FORMAT),
    key: z.string().min(1),
    log: z.string().regex(HEX64),
    root: z.string().regex(HEX64),
    size: z.number().int().positive(),
  })
  .strict();

/** Parses a checkpoint text, which must be canonical JSON of a checkpoint record. */
export function parseCheckpoint(
  text: string,
): { ok: true; record: CheckpointRecord } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'checkpoint is not JSON' };
  }
  const r = checkpointSchema.safeParse(raw);
  if (!r.success)
    return {
      ok: false,
      reason: `checkpoint is malformed: ${r.error.issues.map((i) => i.message).join('; ')}`,
    };
  if (canonicalJson(r.data) !== text)
    return { ok: false, reason: 'checkpoint text is not in RFC 8785 canonical form' };
  return { ok: true, record: r.data as CheckpointRecord };
}
