import { z } from 'zod';

export const Health = z
  .object({ status: z.literal('ok'), version: z.string() })
  .meta({ id: 'Health', description: 'The process is alive.' });

export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    engine: z.enum(['sqlite', 'postgres']),
    checks: z.record(z.string(), z.enum(['ok', 'failed'])),
  })
  .meta({ id: 'Readiness', description: 'The store answers and its schema is current.' });

export const FeedQuery = z.strictObject({
  tags: z
    .string()
    .max(500)
    .regex(/^#?[\p{L}\p{N}_-]+(,#?[\p{L}\p{N}_-]+)*$/u, 'hashtags, comma-separated')
    .optional()
    .meta({ description: 'Keep only entries carrying one of these hashtags (comma-separated).' }),
  days: z.coerce.number().int().min(1).max(3660).default(90).meta({
    description:
      'The period: this many days up to the latest incident or analysis in the store (default 90).',
  }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
