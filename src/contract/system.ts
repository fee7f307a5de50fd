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
