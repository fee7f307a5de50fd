import { z } from 'zod';
import { Outcome } from '../../../contract/index.js';
import { requestPending } from './http.js';

/**
 * Typed stubs of the endpoints the web UI asked the API owner for (.tmp/api-requests.md, items 1-8). Each call
 * answers `undefined` while the server lacks the route, and the UI says so instead of guessing. When the
 * schemas land in src/contract, replace the local copies below with imports.
 */

const num = z.number();
const numOrNull = z.number().nullable();

/** Request 1: `GET /api/incidents/points`, columnar so that 100,000 incidents are one small response. */
export const IncidentPoints = z.object({
  count: z.number().int(),
  truncated: z.boolean(),
  id: z.array(z.string()),
  t: z.array(num),
  lon: z.array(numOrNull),
  lat: z.array(numOrNull),
  precisionM: z.array(numOrNull),
  outcome: z.array(Outcome),
  type: z.array(z.string().nullable()),
  model: z.array(z.string().nullable()).optional(),
  launchLon: z.array(numOrNull).optional(),
  launchLat: z.array(numOrNull).optional(),
  targetRegion: z.array(z.string().nullable()).optional(),
});
export type IncidentPoints = z.infer<typeof IncidentPoints>;

const Ellipse95 = z.object({ semiMajorM: num, semiMinorM: num, orientationDeg: num });
const PointEstimate = z.object({
  lat: num,
  lon: num,
  time: z.string(),
  ellipse95: Ellipse95,
  timeSigmaS: num,
  crlb: z.object({ semiMajorM: num, semiMinorM: num }).optional(),
});
export const ReconstructionResult = z.object({
  launch: PointEstimate,
  impact: PointEstimate.nullable().optional(),
  breakup: z
    .object({
      detected: z.boolean(),
      pValue: num.optional(),
      lat: numOrNull.optional(),
      lon: numOrNull.optional(),
      altM: numOrNull.optional(),
      time: z.string().nullable().optional(),
    })
    .optional(),
  profile: z
    .object({
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
  types: z
    .array(z.object({ id: z.string(), logLikelihood: num, chi2PerDof: num.optional(), bic: num.optional() }))
    .optional(),
});
export type ReconstructionResult = z.infer<typeof ReconstructionResult>;

export const IdentificationResult = z.object({
  candidates: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      aliases: z.array(z.string()).optional(),
      posterior: num,
      contributions: z.array(z.object({ feature: z.string(), logLR: num })),
    }),
  ),
  nonePosterior: num.optional(),
  catalogueVersion: z.string().optional(),
});
export type IdentificationResult = z.infer<typeof IdentificationResult>;

/** Request 2: `GET /api/incidents/{id}/analyses`. */
export const AnalysisRun = z.object({
  id: z.string(),
  kind: z.string(),
  incident: z.string().nullable().optional(),
  createdAt: z.string(),
  methodName: z.string(),
  methodVersion: z.string(),
  config: z.unknown(),
  inputSha256: z.string(),
  result: z.unknown(),
});
export type AnalysisRun = z.infer<typeof AnalysisRun>;
export const AnalysisRunList = z.object({ items: z.array(AnalysisRun) });

/** GeoJSON as far as the UI reads it. */
const Position = z.array(num).min(2);
export const Feature = z.object({
  type: z.literal('Feature'),
  geometry: z.union([
    z.object({ type: z.literal('Point'), coordinates: Position }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }),
  ]),
  properties: z.record(z.string(), z.unknown()).nullable(),
});
export type Feature = z.infer<typeof Feature>;
export const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(Feature),
});
export type FeatureCollection = z.infer<typeof FeatureCollection>;

const DateCode = z.object({
  raw: z.string(),
  from: z.string(),
  to: z.string(),
  confidence: num,
  note: z.string(),
});
export const Component = z.object({
  id: z.string(),
  item: z.string(),
  marking: z.string(),
  manufacturer: z.string().optional(),
  manufacturerRaw: z.string().optional(),
  country: z.string().optional(),
  partNumber: z.string().optional(),
  lot: z.string().optional(),
  dateCode: DateCode.optional(),
  dateCodeRaw: z.string().optional(),
  notes: z.string().optional(),
});
export type Component = z.infer<typeof Component>;
/** Request 4: `GET /api/incidents/{id}/components`. */
export const ComponentList = z.object({
  items: z.array(Component),
  earliestAssembly: z
    .object({
      notBefore: z.string(),
      considered: z.number().int(),
      setBy: z.array(Component),
      excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
      sentence: z.string(),
    })
    .nullable(),
});
export type ComponentList = z.infer<typeof ComponentList>;

/** Request 5: `GET /api/incidents/{id}/findings`. */
export const Finding = z.object({
  id: z.string(),
  kind: z.string(),
  statement: z.string(),
  createdAt: z.string(),
  analysisRun: z.string().nullable().optional(),
  evidence: z.array(z.string()).optional(),
  provisions: z.array(
    z.object({ instrument: z.string(), paragraph: z.string().nullable(), summary: z.string() }),
  ),
});
export type Finding = z.infer<typeof Finding>;
export const FindingList = z.object({ items: z.array(Finding) });

const enc = encodeURIComponent;
export const pending = {
  points: (q: Readonly<Record<string, string | undefined>>) =>
    requestPending(IncidentPoints, '/api/incidents/points', { query: q }),
  analyses: (incident: string) => requestPending(AnalysisRunList, `/api/incidents/${enc(incident)}/analyses`),
  analysisGeoJson: (run: string) => requestPending(FeatureCollection, `/api/analyses/${enc(run)}/geojson`),
  components: (incident: string) =>
    requestPending(ComponentList, `/api/incidents/${enc(incident)}/components`),
  findings: (incident: string) => requestPending(FindingList, `/api/incidents/${enc(incident)}/findings`),
  boundaries: () => requestPending(FeatureCollection, '/api/boundaries'),
};
