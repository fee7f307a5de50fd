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

const reportFormat = z.enum(['html', 'md', 'json']).default('html').meta({
  description:
    'html (self-contained, verifiable with `salvo report verify`), md, or json (the model and its hash)',
});
const reportAudience = z.enum(['public', 'restricted']).optional().meta({
  description:
    "The edition. Default: the widest the caller may read (restricted for analysts and above, public otherwise); 'public' asks for the public-safe variant. Sealed editions are made with the CLI only.",
});
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day, YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar day',
  );

export const DossierQuery = z.strictObject({ format: reportFormat, audience: reportAudience });
export type DossierQuery = z.infer<typeof DossierQuery>;

/** Most incidents one case dossier takes (`GET /api/reports/case`, `salvo report case`); beyond it, narrow the scope. */
export const CASE_MAX_INCIDENTS = 200;

export const CaseReportQuery = z.strictObject({
  from: calendarDay.meta({ description: 'First day of the case (UTC).' }),
  to: calendarDay.meta({ description: 'Last day of the case, inclusive (UTC).' }),
  model: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a catalogue or registry id')
    .optional()
    .meta({ description: 'Only incidents identified as this type (or reported as it when not identified).' }),
  launches: z.coerce.number().int().min(1).max(1_000_000).optional().meta({
    description: 'Launches known from elsewhere: adds the missing-data estimates of the failure rate.',
  }),
  format: reportFormat,
  audience: reportAudience,
});
export type CaseReportQuery = z.infer<typeof CaseReportQuery>;
