import { err, ok, salvoError, type Problem, type Result } from '../kernel/index.js';
import { MANOEUVRES, MARKING_SCRIPTS, type FigureField } from './catalogue/schema.js';

/** Continuous evidence features, with the catalogue figure each is compared with and its unit. */
export const CONTINUOUS_FEATURES = {
  bodyDiameterM: { figure: 'bodyDiameterM', unit: 'm', label: 'diameter', positive: true },
  lengthM: { figure: 'lengthM', unit: 'm', label: 'length', positive: true },
  rangeKm: { figure: 'rangeKm', unit: 'km', label: 'range', positive: false },
  apogeeKm: { figure: 'apogeeKm', unit: 'km', label: 'apogee', positive: false },
  flightTimeS: { figure: 'flightTimeS', unit: 's', label: 'flight time', positive: true },
  maxSpeedMps: { figure: 'maxSpeedMps', unit: 'm/s', label: 'maximum speed', positive: true },
  burnoutTimeS: { figure: 'burnTimeS', unit: 's', label: 'burnout time', positive: true },
} as const satisfies Record<string, { figure: FigureField; unit: string; label: string; positive: boolean }>;
export type ContinuousFeature = keyof typeof CONTINUOUS_FEATURES;

export const JET_VANE_VALUES = ['present', 'absent', 'unknown'] as const;
export const CATEGORICAL_FEATURES = {
  markingScript: MARKING_SCRIPTS,
  manoeuvre: MANOEUVRES,
  jetVaneActuators: JET_VANE_VALUES,
  launchRegion: undefined, // ISO 3166-2 code
} as const;
export type CategoricalFeature = keyof typeof CATEGORICAL_FEATURES;
export type FeatureName = ContinuousFeature | CategoricalFeature;
export const FEATURE_NAMES: readonly FeatureName[] = [
  ...(Object.keys(CONTINUOUS_FEATURES) as ContinuousFeature[]),
  ...(Object.keys(CATEGORICAL_FEATURES) as CategoricalFeature[]),
];

/**
 * Default 1-σ measurement error used when a continuous feature is given as a bare number: the larger of an
 * absolute and a relative error. Stated here so a stored finding can record it.
 */
export const DEFAULT_SIGMA: Readonly<Record<ContinuousFeature, { abs: number; rel: number }>> = {
  bodyDiameterM: { abs: 0.02, rel: 0 },
  lengthM: { abs: 0.1, rel: 0 },
  rangeKm: { abs: 5, rel: 0.05 },
  apogeeKm: { abs: 2, rel: 0.1 },
  flightTimeS: { abs: 10, rel: 0.05 },
  maxSpeedMps: { abs: 50, rel: 0.05 },
  burnoutTimeS: { abs: 2, rel: 0.1 },
};
export const defaultSigma = (f: ContinuousFeature, value: number): number =>
  Math.max(DEFAULT_SIGMA[f].abs, DEFAULT_SIGMA[f].rel * Math.abs(value));

export interface Measurement {
  readonly value: number;
  readonly sigma: number;
  /** True when sigma was not given and DEFAULT_SIGMA was applied. */
  readonly sigmaDefaulted: boolean;
}

export interface ParsedFeatures {
  readonly continuous: Partial<Record<ContinuousFeature, Measurement>>;
  readonly markingScript?: (typeof MARKING_SCRIPTS)[number];
  readonly manoeuvre?: (typeof MANOEUVRES)[number];
  readonly jetVaneActuators?: 'present' | 'absent';
  readonly launchRegion?: string;
}

/** Per-type log-likelihoods from a flight reconstruction (natural log; only differences matter). */
export interface ExternalLikelihood {
  readonly id: string;
  readonly logLikelihood: number;
}

/** Context for the prior: the label reported for the event (e.g. the Air Force's label for that night). */
export interface EvidenceContext {
  readonly reportedLabel?: string;
  readonly dataset?: string;
}

export interface Evidence {
  readonly features: ParsedFeatures;
  readonly types: readonly ExternalLikelihood[];
  readonly context?: EvidenceContext;
}

const ISO_3166_2 = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function suggest(name: string): string {
  const lower = name.toLowerCase().replace(/[^a-z]/g, '');
  const hit = FEATURE_NAMES.find((f) => {
    const fl = f.toLowerCase();
    return fl === lower || fl.startsWith(lower) || (lower.length >= 4 && fl.includes(lower));
  });
  return hit ? `; did you mean "${hit}"?` : `; known features: ${FEATURE_NAMES.join(', ')}`;
}

function parseContinuous(
  name: ContinuousFeature,
  raw: unknown,
  field: string,
  problems: Problem[],
): Measurement | undefined {
  const spec = CONTINUOUS_FEATURES[name];
  let value: unknown = raw;
  let sigma: unknown;
  if (isRecord(raw)) {
    const extra = Object.keys(raw).filter((k) => k !== 'value' && k !== 'sigma');
    for (const k of extra) {
      problems.push({
        field: `${field}.${k}`,
        reason:
          k === 'unit' || k === 'units'
            ? `unknown field: the unit is fixed by the feature name (${spec.unit})`
            : 'unknown field (expected value and sigma)',
      });
    }
    if (!('value' in raw)) {
      problems.push({ field: `${field}.value`, reason: 'missing' });
      return undefined;
    }
    value = raw['value'];
    sigma = raw['sigma'];
  }
  if (typeof value === 'string') {
    problems.push({
      field,
      reason: `text "${value}" is not a number: give a plain number in ${spec.unit} (the unit is in the feature name)`,
    });
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ field, reason: `must be a finite number in ${spec.unit}` });
    return undefined;
  }
  if (value < 0 || (spec.positive && value === 0)) {
    problems.push({
      field,
      reason: `must be ${spec.positive ? '> 0' : '>= 0'} ${spec.unit}, got ${String(value)}`,
    });
    return undefined;
  }
  if (sigma !== undefined && (typeof sigma !== 'number' || !Number.isFinite(sigma) || sigma <= 0)) {
    problems.push({ field: `${field}.sigma`, reason: `must be a number > 0 in ${spec.unit}` });
    return undefined;
  }
  return typeof sigma === 'number'
    ? { value, sigma, sigmaDefaulted: false }
    : { value, sigma: defaultSigma(name, value), sigmaDefaulted: true };
}

/**
 * Parses a features file: `{"features": {NAME: VALUE | {"value": X, "sigma": S}}, "types"?: [{id,
 * logLikelihood}], "context"?: {reportedLabel, dataset}}`. Continuous values are plain numbers in the unit of
 * the name (metres, km, s, m/s); categorical ones are strings from their vocabulary. Every problem names its
 * field (unknown feature, text instead of a number, negative diameter, sigma <= 0, a value outside the
 * vocabulary, a type id not in `knownTypeIds`). `jetVaneActuators: "unknown"` is accepted and ignored.
 */
export function parseEvidence(
  json: unknown,
  knownTypeIds: ReadonlySet<string>,
  file?: string,
): Result<Evidence> {
  const problems: Problem[] = [];
  const fail = (): Result<Evidence> =>
    err(
      salvoError(
        'INVALID_INPUT',
        `features are invalid (${String(problems.length)} problem(s))`,
        file === undefined ? problems : problems.map((p) => ({ file, ...p })),
      ),
    );
  if (!isRecord(json)) {
    problems.push({ field: '(root)', reason: 'must be an object {"features": {...}}' });
    return fail();
  }
  for (const k of Object.keys(json)) {
    if (!['features', 'types', 'context'].includes(k)) problems.push({ field: k, reason: 'unknown field' });
  }
  const rawFeatures = json['features'];
  const continuous: Partial<Record<ContinuousFeature, Measurement>> = {};
  const cat: {
    markingScript?: (typeof MARKING_SCRIPTS)[number];
    manoeuvre?: (typeof MANOEUVRES)[number];
    jetVaneActuators?: 'present' | 'absent';
    launchRegion?: string;
  } = {};
  if (!isRecord(rawFeatures)) {
    problems.push({ field: 'features', reason: 'missing or not an object' });
  } else {
    for (const [name, raw] of Object.entries(rawFeatures)) {
      const field = `features.${name}`;
      if (name in CONTINUOUS_FEATURES) {
        const m = parseContinuous(name as ContinuousFeature, raw, field, problems);
        if (m) continuous[name as ContinuousFeature] = m;
      } else if (name === 'launchRegion') {
        if (typeof raw !== 'string' || !ISO_3166_2.test(raw)) {
          problems.push({ field, reason: 'must be an ISO 3166-2 code such as "RU-BEL" or "UA-63"' });
        } else cat.launchRegion = raw;
      } else if (name === 'markingScript' || name === 'manoeuvre' || name === 'jetVaneActuators') {
        const vocab: readonly string[] = CATEGORICAL_FEATURES[name];
        if (typeof raw !== 'string' || !vocab.includes(raw)) {
          problems.push({ field, reason: `must be one of ${vocab.join(' | ')}` });
        } else if (name === 'markingScript') cat.markingScript = raw as (typeof MARKING_SCRIPTS)[number];
        else if (name === 'manoeuvre') cat.manoeuvre = raw as (typeof MANOEUVRES)[number];
        else if (raw !== 'unknown') cat.jetVaneActuators = raw as 'present' | 'absent';
      } else {
        problems.push({ field, reason: `unknown feature${suggest(name)}` });
      }
    }
  }
  const types: ExternalLikelihood[] = [];
  const rawTypes = json['types'];
  if (rawTypes !== undefined) {
    if (!Array.isArray(rawTypes))
      problems.push({ field: 'types', reason: 'must be an array of {id, logLikelihood}' });
    else
      rawTypes.forEach((t: unknown, i) => {
        const field = `types[${String(i)}]`;
        if (!isRecord(t)) {
          problems.push({ field, reason: 'must be {id, logLikelihood}' });
          return;
        }
        for (const k of Object.keys(t)) {
          if (k !== 'id' && k !== 'logLikelihood')
            problems.push({ field: `${field}.${k}`, reason: 'unknown field' });
        }
        const tid = t['id'];
        const ll = t['logLikelihood'];
        if (typeof tid !== 'string' || !knownTypeIds.has(tid)) {
          problems.push({ field: `${field}.id`, reason: `no type "${String(tid)}" in the catalogue` });
        } else if (typeof ll !== 'number' || !Number.isFinite(ll)) {
          problems.push({ field: `${field}.logLikelihood`, reason: 'must be a finite number (natural log)' });
        } else if (types.some((x) => x.id === tid)) {
          problems.push({ field: `${field}.id`, reason: `type "${tid}" listed twice` });
        } else types.push({ id: tid, logLikelihood: ll });
      });
  }
  let context: EvidenceContext | undefined;
  const rawContext = json['context'];
  if (rawContext !== undefined) {
    if (!isRecord(rawContext)) problems.push({ field: 'context', reason: 'must be an object' });
    else {
      for (const k of Object.keys(rawContext)) {
        if (k !== 'reportedLabel' && k !== 'dataset')
          problems.push({ field: `context.${k}`, reason: 'unknown field' });
      }
      const label = rawContext['reportedLabel'];
      const dataset = rawContext['dataset'];
      if (label !== undefined && typeof label !== 'string') {
        problems.push({ field: 'context.reportedLabel', reason: 'must be a string' });
      }
      if (dataset !== undefined && typeof dataset !== 'string') {
        problems.push({ field: 'context.dataset', reason: 'must be a string' });
      }
      context = {
        ...(typeof label === 'string' ? { reportedLabel: label } : {}),
        ...(typeof dataset === 'string' ? { dataset } : {}),
      };
    }
  }
  if (problems.length > 0) return fail();
  return ok({ features: { continuous, ...cat }, types, ...(context ? { context } : {}) });
}
