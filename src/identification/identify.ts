import { err, ok, salvoError, type Result } from '../kernel/index.js';
import { aliasTexts, resolveAlias } from './catalogue/aliases.js';
import type { Catalogue } from './catalogue/schema.js';
import {
  FEATURE_NAMES,
  type ContinuousFeature,
  type Evidence,
  type FeatureName,
  type ParsedFeatures,
} from './features.js';
import {
  continuousLogLik,
  jetVaneLogLik,
  manoeuvreLogLik,
  markingLogLik,
  regionLogLik,
  typeModelFromCatalogue,
  type TypeModel,
} from './likelihood.js';

/** Bumped whenever the likelihood model, its constants or the prior rule change; stored with each finding. */
export const METHOD_VERSION = 'salvo-identify/1.0.0';

export interface Contribution {
  /** A feature name, or "reconstruction" for the external per-type log-likelihoods. */
  readonly feature: FeatureName | 'reconstruction';
  /** Natural-log likelihood ratio of this type against "none of the catalogue". */
  readonly logLR: number;
}

export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly posterior: number;
  readonly contributions: readonly Contribution[];
}

/** The `salvo identify --json` output. */
export interface IdentificationResult {
  readonly candidates: readonly Candidate[];
  readonly nonePosterior: number;
  readonly catalogueVersion: string;
}

export interface IdentificationDetails extends IdentificationResult {
  readonly methodVersion: string;
  readonly priors: Readonly<Record<string, number>>;
  readonly nonePrior: number;
  readonly evidence: Evidence;
}

export interface IdentifyOptions {
  /** Prior probability that the object is none of the catalogue's types. Default 0.05. */
  readonly nonePrior?: number;
  /**
   * With a reported label, the prior mass left for types outside the label. Default 0.2: labels are often
   * wrong or lumped (Kharkiv, 7 Feb 2024: first reported as S-300, then KN-23).
   */
  readonly labelLeak?: number;
  /** Restrict the candidates to these type ids (e.g. the DPRK types). Default: all. */
  readonly restrictTo?: readonly string[];
}

/** Log-likelihood of every evidence feature for one model (undefined = "none of the catalogue"). */
export function featureLogLiks(
  model: TypeModel | undefined,
  f: ParsedFeatures,
): { feature: FeatureName; logLik: number }[] {
  const out: { feature: FeatureName; logLik: number }[] = [];
  for (const name of FEATURE_NAMES) {
    const m = f.continuous[name as ContinuousFeature];
    if (m) out.push({ feature: name, logLik: continuousLogLik(model, name as ContinuousFeature, m) });
    else if (name === 'markingScript' && f.markingScript)
      out.push({ feature: name, logLik: markingLogLik(model, f.markingScript) });
    else if (name === 'manoeuvre' && f.manoeuvre)
      out.push({ feature: name, logLik: manoeuvreLogLik(model, f.manoeuvre) });
    else if (name === 'jetVaneActuators' && f.jetVaneActuators)
      out.push({ feature: name, logLik: jetVaneLogLik(model, f.jetVaneActuators) });
    else if (name === 'launchRegion' && f.launchRegion)
      out.push({ feature: name, logLik: regionLogLik(model, f.launchRegion) });
  }
  return out;
}

const logSumExp = (xs: readonly number[]): number => {
  const m = Math.max(...xs);
  if (!Number.isFinite(m)) return m;
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};

/**
 * Core Bayes step shared by `identify` and the calibration: posterior over models + "none".
 * log posterior ∝ log prior + Σ_features log p(feature | model) (features independent given the type) +
 * external reconstruction term. External log-likelihoods are relative: types without one, and "none", get
 * the log of the mean likelihood of the listed types (a model-averaged "some similar object").
 * Returns posteriors in the order of `models`, then none's, and each model's contributions vs none.
 */
export function posteriorOver(
  models: readonly TypeModel[],
  priors: readonly number[],
  nonePrior: number,
  evidence: Pick<Evidence, 'features' | 'types'>,
): { posteriors: number[]; nonePosterior: number; contributions: Contribution[][] } {
  const noneLL = featureLogLiks(undefined, evidence.features);
  const ext = new Map(evidence.types.map((t) => [t.id, t.logLikelihood]));
  const extValues = [...ext.values()];
  const extRef = extValues.length > 0 ? logSumExp(extValues) - Math.log(extValues.length) : 0;
  const contributions: Contribution[][] = [];
  const logPost: number[] = models.map((m, i) => {
    const ll = featureLogLiks(m, evidence.features);
    const contrib: Contribution[] = ll.map((x, j) => ({
      feature: x.feature,
      logLR: x.logLik - (noneLL[j]?.logLik ?? 0),
    }));
    if (extValues.length > 0)
      contrib.push({ feature: 'reconstruction', logLR: (ext.get(m.id) ?? extRef) - extRef });
    contributions.push(contrib);
    return Math.log(priors[i] ?? 0) + contrib.reduce((s, c) => s + c.logLR, 0);
  });
  const logNone = Math.log(nonePrior);
  const z = logSumExp([...logPost, logNone]);
  return {
    posteriors: logPost.map((l) => Math.exp(l - z)),
    nonePosterior: Math.exp(logNone - z),
    contributions,
  };
}

/**
 * Ranks the catalogue's types (and "none of the catalogue") given parsed evidence. See likelihood.ts for the
 * model. Prior: uniform over the candidate types × (1 − nonePrior); with `context.reportedLabel`, the label's
 * types (an ambiguous label: all of them, equally) share (1 − labelLeak) of that, the others labelLeak.
 * Expected failure: a reported label the catalogue does not know → INVALID_INPUT naming context.reportedLabel.
 */
export function identifyDetailed(
  cat: Catalogue,
  evidence: Evidence,
  options: IdentifyOptions = {},
): Result<IdentificationDetails> {
  const nonePrior = options.nonePrior ?? 0.05;
  const leak = options.labelLeak ?? 0.2;
  if (!(nonePrior > 0 && nonePrior < 1) || !(leak >= 0 && leak < 1)) {
    throw new RangeError('nonePrior must lie in (0, 1) and labelLeak in [0, 1)');
  }
  const types = options.restrictTo ? cat.types.filter((t) => options.restrictTo?.includes(t.id)) : cat.types;
  if (types.length === 0) throw new RangeError('no candidate types');
  let weights = types.map(() => 1 / types.length);
  const label = evidence.context?.reportedLabel;
  if (label !== undefined) {
    const res = resolveAlias(cat, label, evidence.context?.dataset);
    if (res === undefined) {
      return err(
        salvoError('INVALID_INPUT', `unknown label "${label}"`, [
          {
            field: 'context.reportedLabel',
            reason: `"${label}" is not a type, name or alias in the catalogue`,
          },
        ]),
      );
    }
    const inLabel = types.filter((t) => res.types.includes(t.id)).length;
    const outside = types.length - inLabel;
    if (inLabel > 0) {
      weights = types.map((t) =>
        res.types.includes(t.id) ? (outside === 0 ? 1 : 1 - leak) / inLabel : leak / outside,
      );
    }
  }
  const priors = weights.map((w) => w * (1 - nonePrior));
  const models = types.map(typeModelFromCatalogue);
  const { posteriors, nonePosterior, contributions } = posteriorOver(models, priors, nonePrior, evidence);
  const candidates = types
    .map((t, i) => ({
      id: t.id,
      name: t.name,
      aliases: aliasTexts(t),
      posterior: posteriors[i] ?? 0,
      contributions: contributions[i] ?? [],
    }))
    .sort((a, b) => b.posterior - a.posterior || (a.id < b.id ? -1 : 1));
  return ok({
    candidates,
    nonePosterior,
    catalogueVersion: cat.version,
    methodVersion: METHOD_VERSION,
    priors: Object.fromEntries(types.map((t, i) => [t.id, priors[i] ?? 0])),
    nonePrior,
    evidence,
  });
}

/** `identifyDetailed` trimmed to the exact `salvo identify --json` shape. */
export function identify(
  cat: Catalogue,
  evidence: Evidence,
  options: IdentifyOptions = {},
): Result<IdentificationResult> {
  const r = identifyDetailed(cat, evidence, options);
  if (!r.ok) return r;
  const { candidates, nonePosterior, catalogueVersion } = r.value;
  return ok({ candidates, nonePosterior, catalogueVersion });
}
