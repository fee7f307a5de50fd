import { z } from 'zod';
import { From, ModelLabel, To } from './common.js';

export const GROUP_BY = ['month', 'model', 'launch_region', 'target_region'] as const;

/** A boolean query flag: `true`/`false` (or `1`/`0`). */
const Flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const StatsQuery = z.strictObject({
  from: From,
  to: To,
  model: ModelLabel.optional(),
  by: z.enum(GROUP_BY).optional(),
  missingData: Flag.meta({
    description:
      'Add `missingData` (failure rate under three assumptions about launches of unknown outcome) to every incidents group and the total (as `salvo stats --missing-data`).',
  }),
  launches: z.coerce.number().int().min(0).max(10_000_000).optional().meta({
    description:
      "With missingData: total launches known from elsewhere, for the total's cells (default: the incidents).",
  }),
  trend: Flag.meta({
    description:
      'With by=model: the monthly logistic trend of each interception rate (as `salvo stats --trend`).',
  }),
});
export type StatsQuery = z.output<typeof StatsQuery>;

const Interval = z.tuple([z.number(), z.number()]).nullable();
const Pair = z.tuple([z.number(), z.number()]);

export const InterceptionTrend = z
  .object({
    months: z.number().int(),
    oddsRatioPerMonth: z.number().nullable(),
    ci95: Interval,
    pValue: z.number().nullable(),
    dispersion: z.number().nullable(),
    model: z.string(),
    note: z.string().optional(),
  })
  .meta({ id: 'InterceptionTrend' });

export const MissingDataSummary = z
  .object({
    naive: z.object({ rate: z.number().nullable(), ci95: Pair, assumption: z.string() }),
    bounds: Pair.meta({ description: 'Manski worst/best case for the unknown outcomes.' }),
    boundsCi95: Pair,
    boundsAssumption: z.string(),
    bayes: z.object({
      rate: z.number(),
      ci95: Pair,
      assumption: z.string(),
      unknownFailures: z.object({ mean: z.number(), ci95: Pair }),
      recoveryIdentifiedByData: z.boolean(),
    }),
    counts: z.object({
      launches: z.number().int(),
      knownFailures: z.number().int(),
      knownSuccesses: z.number().int(),
      unknown: z.number().int(),
      withDebris: z.number().int(),
    }),
  })
  .meta({ id: 'MissingDataSummary' });

export const ReportStatsGroup = z.object({
  key: z.string(),
  label: z.string().optional(),
  rows: z.number().int(),
  launched: z.number(),
  destroyed: z.number(),
  launchedWithKnownDestroyed: z.number(),
  interceptionRate: z.number().nullable(),
  ci95: Interval,
  trend: InterceptionTrend.optional(),
});

export const IncidentStatsGroup = z.object({
  key: z.string(),
  count: z.number().int(),
  failures: z.number().int(),
  knownOutcomes: z.number().int(),
  failureRate: z.number().nullable(),
  ci95: Interval,
  intercepted: z.number().int(),
  debrisRecovered: z.number().int(),
  debrisKnown: z.number().int(),
  killed: z.number().int(),
  injured: z.number().int(),
  missingData: MissingDataSummary.optional(),
});

/** Also the shape of `salvo stats --json`. */
export const StatsReport = z
  .object({
    filter: z.object({
      fromUtc: z.string().optional(),
      toUtc: z.string().optional(),
      modelId: z.string().optional(),
    }),
    by: z.enum(GROUP_BY).nullable(),
    reports: z.object({ groups: z.array(ReportStatsGroup), total: ReportStatsGroup }),
    incidents: z.object({ groups: z.array(IncidentStatsGroup), total: IncidentStatsGroup }),
    evidence: z
      .object({ visibleItems: z.number().int() })
      .meta({ description: 'Evidence items the caller may see (never counts what it may not).' }),
    notes: z.array(z.string()),
  })
  .meta({ id: 'StatsReport' });
export type StatsReport = z.infer<typeof StatsReport>;
