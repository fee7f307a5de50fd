import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { MissileType } from './catalogue/schema.js';
import { CONTINUOUS_FEATURES, type ContinuousFeature, type Measurement } from './features.js';

/**
 * The likelihood model of identification, in one place (METHOD_VERSION changes when any of it does).
 *
 * Continuous feature y ± σ against a type's envelope [a, b]: the true value is uniform on [a, b] (public
 * figures give a range, not a distribution), observed with Gaussian error of s = sqrt(σ² + (κ·max(|a|,|b|))²)
 * where κ = ENVELOPE_EDGE_REL softens the published edges. Then
 *   p(y | type) = (Φ((b − y)/s) − Φ((a − y)/s)) / (b − a)        (a point figure a = b gives N(y; a, s)),
 * mixed with the broad density as a robustness floor: (1 − η) p + η p_broad, η = OUTLIER_WEIGHT, so one
 * wrong measurement or one wrong catalogue figure can move the odds by at most ~1/η.
 * A type without the figure gets p_broad (the feature says nothing about it).
 * "None of the catalogue": p_broad(y) = log-uniform over BROAD_SPAN of the feature, 1/(y ln(hi/lo)), y clamped
 * to the span (no convolution with σ: it is broad by design).
 * Categorical (vocabulary of size V, type lists a subset S): P = (1 − ε)/|S| inside S, ε/(V − |S|) outside;
 * none: 1/V. Jet vanes: 0.95 / 0.05 when the catalogue says present / absent, 0.5 when it is silent.
 * Launch region: as categorical with V = REGION_VOCABULARY.
 */
export const LIKELIHOOD_MODEL = {
  ENVELOPE_EDGE_REL: 0.02,
  OUTLIER_WEIGHT: 0.01,
  BROAD_SPAN: {
    bodyDiameterM: [0.05, 3],
    lengthM: [0.5, 40],
    rangeKm: [1, 15000],
    apogeeKm: [0.01, 4000],
    flightTimeS: [5, 100000],
    maxSpeedMps: [10, 8000],
    burnoutTimeS: [0.5, 500],
  } satisfies Record<ContinuousFeature, readonly [number, number]>,
  MARKING_EPSILON: 0.05,
  MANOEUVRE_EPSILON: 0.1,
  JET_VANE_MATCH: 0.95,
  REGION_EPSILON: 0.1,
  REGION_VOCABULARY: 50,
} as const;

/** What the likelihood needs of a type: envelopes and categorical lists. Built from the catalogue or fitted. */
export interface TypeModel {
  readonly id: string;
  readonly envelopes: Partial<Record<ContinuousFeature, { readonly min: number; readonly max: number }>>;
  readonly markingScripts?: readonly string[];
  readonly manoeuvres?: readonly string[];
  readonly jetVanes?: 'present' | 'absent';
  readonly launchRegions?: readonly string[];
}

export function typeModelFromCatalogue(t: MissileType): TypeModel {
  const envelopes: Partial<Record<ContinuousFeature, { min: number; max: number }>> = {};
  for (const [name, spec] of Object.entries(CONTINUOUS_FEATURES) as [
    ContinuousFeature,
    (typeof CONTINUOUS_FEATURES)[ContinuousFeature],
  ][]) {
    const fig = t[spec.figure];
    if (fig) envelopes[name] = { min: fig.min, max: fig.max };
  }
  const jv = t.debrisFeatures.find((d) => d.feature === 'jet-vane-actuators');
  return {
    id: t.id,
    envelopes,
    markingScripts: t.markingScripts.values,
    manoeuvres: t.manoeuvre.values,
    ...(jv ? { jetVanes: jv.status } : {}),
    ...(t.launchRegions ? { launchRegions: t.launchRegions.values } : {}),
  };
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log Φ(x), accurate in the far lower tail (asymptotic series below x = −30; stdlib Φ above). */
export function logNormalCdf(x: number): number {
  if (x > -30) return Math.log(normalCdf(x, 0, 1));
  const x2 = x * x;
  return -x2 / 2 - LOG_SQRT_2PI - Math.log(-x) + Math.log(1 - 1 / x2 + 3 / (x2 * x2));
}

/** log(Φ(v) − Φ(u)) for u < v, without cancellation in either tail. */
export function logNormalInterval(u: number, v: number): number {
  if (u > 0) return logNormalInterval(-v, -u); // reflect into the lower tail
  const lv = logNormalCdf(v);
  const lu = logNormalCdf(u);
  return lv + Math.log1p(-Math.exp(lu - lv));
}

/** log p_broad(y) for the "none of the catalogue" alternative (log-uniform over BROAD_SPAN). */
export function broadLogLik(feature: ContinuousFeature, y: number): number {
  const [lo, hi] = LIKELIHOOD_MODEL.BROAD_SPAN[feature];
  const yc = Math.min(Math.max(y, lo), hi);
  return -Math.log(yc * Math.log(hi / lo));
}

/** log p(y ± σ | envelope), before the outlier mixture (uniform-over-range ⊗ Gaussian). */
export function envelopeLogLik(m: Measurement, env: { readonly min: number; readonly max: number }): number {
  const scale = Math.max(Math.abs(env.min), Math.abs(env.max));
  const s = Math.sqrt(m.sigma * m.sigma + (LIKELIHOOD_MODEL.ENVELOPE_EDGE_REL * scale) ** 2);
  const width = env.max - env.min;
  if (!(s > 0)) return Number.NEGATIVE_INFINITY;
  if (width <= 1e-9 * Math.max(1, scale)) {
    const z = (m.value - (env.min + env.max) / 2) / s;
    return -0.5 * z * z - Math.log(s) - LOG_SQRT_2PI;
  }
  return logNormalInterval((env.min - m.value) / s, (env.max - m.value) / s) - Math.log(width);
}

const logMix = (la: number, lb: number, eta: number): number => {
  const a = Math.log1p(-eta) + la;
  const b = Math.log(eta) + lb;
  const mx = Math.max(a, b);
  return mx + Math.log(Math.exp(a - mx) + Math.exp(b - mx));
};

/** log-likelihood of one continuous feature for a type (robust mixture), and for "none". */
export function continuousLogLik(
  model: TypeModel | undefined,
  feature: ContinuousFeature,
  m: Measurement,
): number {
  const broad = broadLogLik(feature, m.value);
  const env = model?.envelopes[feature];
  if (model === undefined || env === undefined) return broad;
  return logMix(envelopeLogLik(m, env), broad, LIKELIHOOD_MODEL.OUTLIER_WEIGHT);
}

function categorical(
  listed: readonly string[] | undefined,
  value: string,
  vocab: number,
  eps: number,
): number {
  if (listed === undefined || listed.length === 0 || listed.length >= vocab) return -Math.log(vocab);
  return listed.includes(value)
    ? Math.log((1 - eps) / listed.length)
    : Math.log(eps / (vocab - listed.length));
}

export const markingLogLik = (model: TypeModel | undefined, v: string): number =>
  categorical(model?.markingScripts, v, 4, LIKELIHOOD_MODEL.MARKING_EPSILON);
export const manoeuvreLogLik = (model: TypeModel | undefined, v: string): number =>
  categorical(model?.manoeuvres, v, 3, LIKELIHOOD_MODEL.MANOEUVRE_EPSILON);
export const regionLogLik = (model: TypeModel | undefined, v: string): number =>
  categorical(model?.launchRegions, v, LIKELIHOOD_MODEL.REGION_VOCABULARY, LIKELIHOOD_MODEL.REGION_EPSILON);
export function jetVaneLogLik(model: TypeModel | undefined, v: 'present' | 'absent'): number {
  if (model?.jetVanes === undefined) return Math.log(0.5);
  const match = LIKELIHOOD_MODEL.JET_VANE_MATCH;
  return Math.log(model.jetVanes === v ? match : 1 - match);
}
