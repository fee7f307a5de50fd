import { CONTINUOUS_FEATURES, type ContinuousFeature, type Evidence, type FeatureName } from './features.js';
import type { Candidate, IdentificationResult } from './identify.js';

/** Decimals that show the error's leading digit: σ 0.03 → 2 ("1.10 ± 0.03"), σ 30 → 0. */
const decimalsFor = (sigma: number): number =>
  sigma > 0 ? Math.min(6, Math.max(0, -Math.floor(Math.log10(sigma)))) : 2;

/** "1,234" with thousands separators, locale-independent. */
const withCommas = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Odds as text: "38:1", "2.4:1", "more than 1,000,000:1". */
export function formatOdds(ratio: number): string {
  if (!(ratio >= 1)) throw new RangeError('ratio must be >= 1');
  if (ratio > 1e6) return 'more than 1,000,000:1';
  if (ratio < 10) return `${ratio.toFixed(1)}:1`;
  return `${withCommas(ratio)}:1`;
}

/** The evidence value of a feature as text with its unit ("1.10 ± 0.03 m", "hangul"). */
export function describeFeatureValue(evidence: Evidence, feature: FeatureName): string | undefined {
  const f = evidence.features;
  if (feature in CONTINUOUS_FEATURES) {
    const m = f.continuous[feature as ContinuousFeature];
    if (!m) return undefined;
    const spec = CONTINUOUS_FEATURES[feature as ContinuousFeature];
    const d = decimalsFor(m.sigma);
    return `${spec.label} ${m.value.toFixed(d)} ± ${m.sigma.toFixed(d)} ${spec.unit}`;
  }
  const v =
    feature === 'markingScript'
      ? f.markingScript
      : feature === 'manoeuvre'
        ? f.manoeuvre
        : feature === 'jetVaneActuators'
          ? f.jetVaneActuators
          : feature === 'launchRegion'
            ? f.launchRegion
            : undefined;
  if (v === undefined) return undefined;
  const label: Record<string, string> = {
    markingScript: 'marking script',
    manoeuvre: 'manoeuvre',
    jetVaneActuators: 'jet-vane actuators',
    launchRegion: 'launch region',
  };
  return `${label[feature] ?? feature} ${v}`;
}

const shortName = (c: Candidate): string => c.aliases[0] ?? c.name;

/**
 * One sentence on what a feature says about two candidates, from their log-likelihood ratios (both against
 * "none", so the difference is the LR between them): "diameter 1.10 ± 0.03 m supports KN-23 over Iskander-M
 * by 38:1". Returns undefined when the feature or a candidate is absent from the result.
 */
export function explainFeature(
  result: IdentificationResult,
  evidence: Evidence,
  feature: FeatureName,
  typeA: string,
  typeB: string,
): string | undefined {
  const a = result.candidates.find((c) => c.id === typeA);
  const b = result.candidates.find((c) => c.id === typeB);
  const text = describeFeatureValue(evidence, feature);
  if (!a || !b || text === undefined) return undefined;
  const la = a.contributions.find((c) => c.feature === feature)?.logLR;
  const lb = b.contributions.find((c) => c.feature === feature)?.logLR;
  if (la === undefined || lb === undefined) return undefined;
  const d = la - lb;
  if (Math.abs(d) < Math.log(1.05))
    return `${text} does not distinguish ${shortName(a)} from ${shortName(b)}`;
  const [win, lose] = d > 0 ? [a, b] : [b, a];
  return `${text} supports ${shortName(win)} over ${shortName(lose)} by ${formatOdds(Math.exp(Math.abs(d)))}`;
}

/** The sentence for every feature of the evidence, top candidate against the runner-up. */
export function explainTopTwo(result: IdentificationResult, evidence: Evidence): string[] {
  const [a, b] = result.candidates;
  if (!a || !b) return [];
  return (a.contributions.map((c) => c.feature).filter((f) => f !== 'reconstruction') as FeatureName[])
    .map((f) => explainFeature(result, evidence, f, a.id, b.id))
    .filter((s): s is string => s !== undefined);
}
