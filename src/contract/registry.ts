import { z } from 'zod';
import { Bbox, Cursor, From, Id, Limit, ModelLabel, page, RegionCode, To } from './common.js';

export const OUTCOME_VALUES = ['impact', 'airburst', 'deviated', 'intercepted', 'unknown'] as const;
export const Outcome = z.enum(OUTCOME_VALUES).meta({ id: 'Outcome' });

const outcomeList = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const xs = text.split(',').map((s) => s.trim());
    for (const x of xs)
      if (!(OUTCOME_VALUES as readonly string[]).includes(x)) {
        ctx.addIssue({ code: 'custom', message: `'${x}' is not one of ${OUTCOME_VALUES.join(', ')}` });
        return z.NEVER;
      }
    return xs as (typeof OUTCOME_VALUES)[number][];
  });

export const INCIDENT_SORTS = ['occurred_at', '-occurred_at', 'id', '-id'] as const;

export const IncidentQuery = z.strictObject({
  bbox: Bbox,
  from: From,
  to: To,
  model: ModelLabel.optional().meta({
    description: 'Identified type, else the claimed model (id or label).',
  }),
  outcome: outcomeList.optional().meta({ description: 'One outcome or several, comma-separated.' }),
  region: RegionCode.optional().meta({ description: 'Target region (ISO 3166-2).' }),
  launchRegion: RegionCode.optional(),
  sort: z.enum(INCIDENT_SORTS).default('occurred_at'),
  limit: Limit,
  cursor: Cursor,
});
export type IncidentQuery = z.output<typeof IncidentQuery>;

/** The filters of `IncidentQuery` without sort and paging: `GET /api/incidents/points` answers every match. */
export const IncidentPointsQuery = IncidentQuery.omit({ sort: true, limit: true, cursor: true });
export type IncidentPointsQuery = z.output<typeof IncidentPointsQuery>;

/** Most rows `GET /api/incidents/points` answers; `truncated` says when more matched. */
export const INCIDENT_POINTS_CAP = 250_000;

const col = <T extends z.ZodType>(t: T) => z.array(t);
export const IncidentPoints = z
  .object({
    count: z.number().int().meta({ description: 'Rows in this answer (the length of every array).' }),
    truncated: z.boolean().meta({ description: `More than ${INCIDENT_POINTS_CAP} incidents matched.` }),
    id: col(z.string()),
    t: col(z.number()).meta({ description: 'occurred_at as epoch milliseconds (UTC).' }),
    lon: col(z.number().nullable()),
    lat: col(z.number().nullable()),
    precisionM: col(z.number().nullable()),
    outcome: col(Outcome),
    type: col(z.string().nullable()).meta({ description: 'identified_type; null when none.' }),
    model: col(z.string().nullable()).meta({ description: 'model_claimed id.' }),
    launchLon: col(z.number().nullable()),
    launchLat: col(z.number().nullable()),
    targetRegion: col(z.string().nullable()),
  })
  .meta({
    id: 'IncidentPoints',
    description: 'Every matching incident as columns (one array per field, same length), by time then id.',
  });
export type IncidentPoints = z.infer<typeof IncidentPoints>;

export const Incident = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    occurredAtRaw: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    locationPrecisionM: z.number().nullable(),
    targetRegion: z.string().nullable(),
    targetRegionRaw: z.string(),
    launchRegion: z.string().nullable(),
    launchRegionRaw: z.string(),
    launchLat: z.number().nullable(),
    launchLon: z.number().nullable(),
    modelClaimedRaw: z.string(),
    modelClaimed: z.string().nullable(),
    outcome: Outcome,
    debrisRecovered: z.boolean().nullable(),
    identifiedType: z.string().nullable(),
    killed: z.number().int().nullable(),
    injured: z.number().int().nullable(),
    sourceUrl: z.string(),
    notes: z.string(),
    source: z.object({ id: z.string(), line: z.number().int() }),
  })
  .meta({ id: 'Incident' });
export type Incident = z.infer<typeof Incident>;
export const IncidentPage = page(Incident, 'IncidentPage');

export const REPORT_SORTS = ['time_start', '-time_start', 'id', '-id'] as const;

export const AttackReportQuery = z.strictObject({
  from: From,
  to: To,
  model: ModelLabel.optional().meta({ description: 'Model id or label; pairs match only themselves.' }),
  region: RegionCode.optional().meta({ description: 'A region the report names (any role).' }),
  sort: z.enum(REPORT_SORTS).default('time_start'),
  limit: Limit,
  cursor: Cursor,
});
export type AttackReportQuery = z.output<typeof AttackReportQuery>;

export const PlaceMention = z.object({
  role: z.string(),
  raw: z.string(),
  kind: z.string(),
  iso: z.string().nullable(),
  direction: z.string().nullable(),
  note: z.string().nullable(),
});

export const AttackReport = z
  .object({
    id: z.string(),
    attribution: z.string(),
    modelLabel: z.string(),
    modelId: z.string().nullable(),
    modelIds: z.array(z.string()),
    timeStart: z.string(),
    timeEnd: z.string(),
    timePrecision: z.string(),
    timeStartRaw: z.string(),
    timeEndRaw: z.string(),
    launched: z.number().int().nullable(),
    destroyed: z.number().int().nullable(),
    destroyedBase: z.number().int().nullable(),
    notReachGoal: z.number().int().nullable(),
    stillAttacking: z.number().int().nullable(),
    launchPlaceRaw: z.string(),
    targetRaw: z.string(),
    places: z.array(PlaceMention),
    notes: z.string(),
    source: z.object({ id: z.string(), line: z.number().int(), ref: z.string() }),
  })
  .meta({ id: 'AttackReport' });
export type AttackReport = z.infer<typeof AttackReport>;
export const AttackReportPage = page(AttackReport, 'AttackReportPage');

export const IdParam = z.object({ id: Id });

export const Source = z
  .object({
    id: z.string(),
    kind: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    sizeBytes: z.number(),
    importer: z.string(),
    importerVersion: z.string(),
    importedAt: z.string(),
    rowsRead: z.number().int(),
    rowsImported: z.number().int(),
    rowsRejected: z.number().int(),
  })
  .meta({ id: 'Source' });
export const SourceList = z.object({ items: z.array(Source) }).meta({ id: 'SourceList' });
