import { z } from 'zod';
import { Id } from './common.js';

/**
 * Analysis runs (reconstructions and identifications) of an incident, their GeoJSON, components recovered from
 * its evidence, and findings with the provisions they cite (issue 7 requests 2-5).
 */

const num = z.number();
const Ellipse95 = z.object({ semiMajorM: num, semiMinorM: num, orientationDeg: num });
const PointEstimate = z.looseObject({
  lat: num,
  lon: num,
  time: z.string(),
  ellipse95: Ellipse95,
  timeSigmaS: num,
  crlb: z.object({ semiMajorM: num, semiMinorM: num }).optional(),
});

/** A stored reconstruction's result (as `salvo reconstruct --json`). */
export const ReconstructionResult = z
  .looseObject({
    launch: PointEstimate,
    impact: PointEstimate.nullable().optional(),
    breakup: z
      .looseObject({
        detected: z.boolean(),
        statistic: num.optional(),
        pValue: num.optional(),
        lat: num.nullable().optional(),
        lon: num.nullable().optional(),
        altM: num.nullable().optional(),
        time: z.string().nullable().optional(),
      })
      .optional(),
    profile: z
      .looseObject({
        apogeeM: num,
        maxSpeedMps: num,
        groundRangeM: num,
        flightTimeS: num,
        burnoutTimeS: num.optional(),
        burnoutAltM: num.optional(),
        burnoutSpeedMps: num.optional(),
      })
      .optional(),
    fit: z.object({ chi2: num, dof: num, normalisedResidualRms: num }).optional(),
    manoeuvre: z
      .looseObject({
        detected: z.boolean(),
        statistic: num,
        dof: num,
        pValue: num,
        startS: num.nullable(),
        endS: num.nullable(),
        normalAccelMps2: num.nullable(),
        normalAccelSigmaMps2: num.nullable(),
        nominalChi2: num.optional(),
        nominalDof: num.optional(),
        detail: z.string().optional(),
      })
      .nullable()
      .optional(),
    types: z
      .array(
        z.looseObject({
          id: z.string(),
          logLikelihood: num,
          chi2PerDof: num.optional(),
          bic: num.optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ReconstructionResult' });
export type ReconstructionResult = z.infer<typeof ReconstructionResult>;

/** A stored identification's result (as `salvo identify --json`). */
export const IdentificationResult = z
  .looseObject({
    candidates: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        aliases: z.array(z.string()).optional(),
        posterior: num,
        contributions: z.array(z.looseObject({ feature: z.string(), logLR: num })),
      }),
    ),
    nonePosterior: num.optional(),
    catalogueVersion: z.string().optional(),
  })
  .meta({ id: 'IdentificationResult' });
export type IdentificationResult = z.infer<typeof IdentificationResult>;

export const ANALYSIS_KINDS = ['reconstruction', 'identification'] as const;

export const AnalysisQuery = z.strictObject({ kind: z.enum(ANALYSIS_KINDS).optional() });

export const AnalysisRun = z
  .object({
    id: z.string(),
    kind: z.enum(ANALYSIS_KINDS),
    incident: z.string().nullable(),
    createdAt: z.string(),
    methodName: z.string(),
    methodVersion: z.string(),
    config: z.unknown().meta({ description: 'The options the method ran with (enough to replay it).' }),
    inputSha256: z.string(),
    result: z.union([ReconstructionResult, IdentificationResult]),
    hasGeoJson: z
      .boolean()
      .meta({ description: 'A reconstruction whose trajectory GeoJSON is stored (else it is replayed).' }),
  })
  .meta({ id: 'AnalysisRun' });
export type AnalysisRun = z.infer<typeof AnalysisRun>;
export const AnalysisRunList = z
  .object({ items: z.array(AnalysisRun) })
  .meta({ id: 'AnalysisRunList', description: 'Newest first.' });

export const RunIdParam = z.object({ id: Id });

const DateCode = z.object({
  raw: z.string(),
  format: z.string().optional(),
  year: z.number().int().optional(),
  from: z.string().meta({ description: 'First possible production day, YYYY-MM-DD.' }),
  to: z.string(),
  confidence: num,
  note: z.string(),
});

export const Component = z
  .object({
    id: z.string(),
    item: z.string().meta({ description: 'The physical evidence item it was recovered from.' }),
    marking: z.string(),
    manufacturer: z.string().optional(),
    manufacturerRaw: z.string().optional(),
    country: z.string().optional(),
    partNumber: z.string().optional(),
    lot: z.string().optional(),
    dateCode: DateCode.optional(),
    dateCodeRaw: z.string().optional(),
    notes: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Component' });
export type Component = z.infer<typeof Component>;

export const AssemblyBound = z
  .object({
    notBefore: z.string(),
    considered: z.number().int(),
    setBy: z.array(Component),
    excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
    sentence: z.string(),
  })
  .meta({ id: 'AssemblyBound' });

export const ComponentList = z
  .object({ items: z.array(Component), earliestAssembly: AssemblyBound.nullable() })
  .meta({
    id: 'ComponentList',
    description:
      'Components of the evidence items the caller may see, and the earliest assembly date computed from those alone.',
  });
export type ComponentList = z.infer<typeof ComponentList>;

export const ProvisionCited = z
  .object({
    instrument: z.string().meta({ description: "e.g. 'UNSCR 1718 (2006)'." }),
    symbol: z.string().meta({ description: "The document symbol, e.g. 'S/RES/1718 (2006)'." }),
    paragraph: z.string().nullable(),
    summary: z.string().meta({ description: "Salvo's own summary, never a quotation." }),
    quotation: z.string().nullable(),
    url: z.string(),
  })
  .meta({ id: 'ProvisionCited' });

export const Finding = z
  .object({
    id: z.string(),
    kind: z.string(),
    statement: z.string(),
    createdAt: z.string(),
    analysisRun: z.string().nullable(),
    evidence: z.array(z.string()),
    provisions: z.array(ProvisionCited),
  })
  .meta({ id: 'Finding' });
export type Finding = z.infer<typeof Finding>;
export const FindingList = z.object({ items: z.array(Finding) }).meta({ id: 'FindingList' });
