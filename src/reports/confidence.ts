import type { Confidence } from './model.js';

/**
 * The stated mapping from a posterior probability to words: the likelihood scale of the IPCC AR5 guidance
 * note on consistent treatment of uncertainties (Mastrandrea et al., 2010), made disjoint so that every
 * probability has exactly one phrase. The lower bound is inclusive.
 */
export const CONFIDENCE_SCALE: readonly { min: number; max: number; words: string }[] = [
  { min: 0.99, max: 1, words: 'virtually certain' },
  { min: 0.9, max: 0.99, words: 'very likely' },
  { min: 0.66, max: 0.9, words: 'likely' },
  { min: 0.33, max: 0.66, words: 'about as likely as not' },
  { min: 0.1, max: 0.33, words: 'unlikely' },
  { min: 0.01, max: 0.1, words: 'very unlikely' },
  { min: 0, max: 0.01, words: 'exceptionally unlikely' },
];

/** Identification features that come from the debris itself rather than from the flight profile. */
export const PHYSICAL_FEATURES: readonly string[] = [
  'bodyDiameterM',
  'lengthM',
  'markingScript',
  'jetVaneActuators',
];

export const PROFILE_ONLY_CAP =
  'capped at "very likely": the finding rests on flight-profile features alone, and docs/accuracy/identification.md shows posteriors above 0.99 from such features are over-confident';

export const CONFIDENCE_NOTE =
  'Posterior probabilities are put into words on the IPCC AR5 likelihood scale (Mastrandrea et al., 2010), made disjoint: ' +
  CONFIDENCE_SCALE.map((s) => `${s.words} ${pct(s.min)}–${pct(s.max)}`).join('; ') +
  '. A posterior from flight-profile features alone is never worded above "very likely". The words describe the model\'s posterior given the catalogue and the evidence entered; they are not a legal standard of proof.';

function pct(p: number): string {
  return `${Math.round(p * 100)} %`;
}

/** Words for a probability on the scale; `profileOnly` caps the words at "very likely". */
export function confidenceOf(probability: number, options: { profileOnly?: boolean } = {}): Confidence {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`not a probability: ${probability}`);
  const step =
    CONFIDENCE_SCALE.find((s) => probability >= s.min) ?? CONFIDENCE_SCALE[CONFIDENCE_SCALE.length - 1]!;
  if (options.profileOnly && step.words === 'virtually certain')
    return { probability, words: 'very likely', cap: PROFILE_ONLY_CAP };
  return { probability, words: step.words };
}

/** "0.72" with enough digits to show the scale's boundaries; "< 0.001" and "> 0.999" at the ends. */
export function formatProbability(p: number): string {
  if (p < 0.001) return '< 0.001';
  if (p > 0.999) return '> 0.999';
  return p.toFixed(p < 0.1 || p > 0.9 ? 3 : 2);
}
