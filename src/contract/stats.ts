import { z } from 'zod';
import { From, ModelLabel, To } from './common.js';

export const GROUP_BY = ['month', 'model', 'launch_region', 'target_region'] as const;

export const StatsQuery = z.strictObject({
  from: From,
  to: To,
  model: ModelLabel.optional(),
  by: z.enum(GROUP_BY).optional(),
});
export type StatsQuery = z.output<typeof StatsQuery>;

const Interval = z.tuple([z.number(), z.number()]).nullable();

export const ReportStatsGroup = z.object({
  key: z.string(),
  label: z.string().optional(),
  rows: z.number().int(),
  launched: z.number(),
  destroyed: z.number(),
  launchedWithKnownDestroyed: z.number(),
  interceptionRate: z.number().nullable(),
  ci95: Interval,
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
