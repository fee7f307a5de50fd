import type { Rng } from '../kernel/index.js';
import { defaultSigma, type ParsedFeatures } from './features.js';
import { posteriorOver } from './identify.js';
import type { TypeModel } from './likelihood.js';

/** One labelled launch: its class (a catalogue type id), a group (launches of one salvo share it), figures. */
export interface CalibrationRow {
  readonly label: string;
  readonly group: string;
  readonly apogeeKm: number;
  readonly rangeKm: number;
}

export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly meanConfidence: number | null;
  readonly accuracy: number | null;
}

export interface CalibrationMetrics {
  readonly n: number;
  readonly top1Accuracy: number;
  /** Number of rows whose top answer was the true class (for an interval: wilsonInterval(top1Correct, n)). */
  readonly top1Correct: number;
  /** Mean −ln p(true class); p clipped at 1e-15. */
  readonly logLoss: number;
  /** Multi-class Brier score (sum over classes and none of squared error), averaged over rows. */
  readonly brier: number;
  /** Fraction of rows whose top answer was "none of the catalogue". */
  readonly noneTopRate: number;
  readonly reliability: readonly ReliabilityBin[];
  readonly perClass: readonly { readonly label: string; readonly n: number; readonly accuracy: number }[];
  /** confusion[true][predicted] = count; predicted may be "none". */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface CrossValidationReport extends CalibrationMetrics {
  readonly folds: number;
  readonly groups: number;
  readonly prior: 'uniform' | 'training-frequency';
  /** The same folds scored by the training-frequency prior alone (no features): what the features add. */
  readonly baseline: { readonly top1Accuracy: number; readonly logLoss: number };
}

export const RELIABILITY_EDGES = [0, 0.5, 0.7, 0.9, 0.99, 1] as const;

interface Prediction {
  readonly label: string;
  readonly probs: ReadonlyMap<string, number>; // includes "none"
}

/** The features a CNS row provides, with the default measurement errors of features.ts. */
export function rowFeatures(r: CalibrationRow): ParsedFeatures {
  return {
    continuous: {
      apogeeKm: { value: r.apogeeKm, sigma: defaultSigma('apogeeKm', r.apogeeKm), sigmaDefaulted: true },
      rangeKm: { value: r.rangeKm, sigma: defaultSigma('rangeKm', r.rangeKm), sigmaDefaulted: true },
    },
  };
}

/**
 * Envelope of each class fitted on training rows only. The sample [min, max] of n draws from a uniform
 * [a, b] falls short of it by (b − a)/(n + 1) at each end on average, so each end is widened by
 * (max − min)/(n − 1) (the minimum-variance unbiased estimate of the uniform's endpoints); n = 1 gives a
 * point. The likelihood then adds the measurement error and the edge softening of likelihood.ts, exactly as
 * for catalogue envelopes.
 */
export function fitEnvelopes(train: readonly CalibrationRow[]): TypeModel[] {
  const by = new Map<string, CalibrationRow[]>();
  for (const r of train) by.set(r.label, [...(by.get(r.label) ?? []), r]);
  const envelope = (xs: readonly number[]): { min: number; max: number } => {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const pad = xs.length > 1 ? (hi - lo) / (xs.length - 1) : 0;
    return { min: Math.max(0, lo - pad), max: hi + pad };
  };
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, rows]) => ({
      id,
      envelopes: {
        apogeeKm: envelope(rows.map((r) => r.apogeeKm)),
        rangeKm: envelope(rows.map((r) => r.rangeKm)),
      },
    }));
}

/** Scores rows against fixed models (e.g. the shipped catalogue's envelopes) with the given priors. */
export function predict(
  models: readonly TypeModel[],
  priors: readonly number[],
  nonePrior: number,
  rows: readonly CalibrationRow[],
): Prediction[] {
  return rows.map((r) => {
    const { posteriors, nonePosterior } = posteriorOver(models, priors, nonePrior, {
      features: rowFeatures(r),
      types: [],
    });
    const probs = new Map<string, number>(models.map((m, i) => [m.id, posteriors[i] ?? 0]));
    probs.set('none', nonePosterior);
    return { label: r.label, probs };
  });
}

const argmax = (probs: ReadonlyMap<string, number>): [string, number] => {
  let best: [string, number] = ['none', -1];
  for (const [k, v] of [...probs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (v > best[1]) best = [k, v];
  return best;
};

/** Top-1 accuracy, log-loss, Brier, reliability table and confusion of a set of predictions. */
export function scorePredictions(preds: readonly Prediction[]): CalibrationMetrics {
  let correct = 0;
  let logLoss = 0;
  let brier = 0;
  let noneTop = 0;
  const bins = RELIABILITY_EDGES.slice(0, -1).map((lo, i) => ({
    lo,
    hi: RELIABILITY_EDGES[i + 1] ?? 1,
    n: 0,
    conf: 0,
    hits: 0,
  }));
  const confusion: Record<string, Record<string, number>> = {};
  const perClass = new Map<string, { n: number; hits: number }>();
  for (const p of preds) {
    const [top, conf] = argmax(p.probs);
    const hit = top === p.label;
    if (hit) correct += 1;
    if (top === 'none') noneTop += 1;
    logLoss += -Math.log(Math.max(p.probs.get(p.label) ?? 0, 1e-15));
    for (const [k, v] of p.probs) brier += (v - (k === p.label ? 1 : 0)) ** 2;
    if (!p.probs.has(p.label)) brier += 1;
    const bin = bins.find((b, i) => conf >= b.lo && (conf < b.hi || (i === bins.length - 1 && conf <= b.hi)));
    if (bin) {
      bin.n += 1;
      bin.conf += conf;
      if (hit) bin.hits += 1;
    }
    const row = (confusion[p.label] ??= {});
    row[top] = (row[top] ?? 0) + 1;
    const pc = perClass.get(p.label) ?? { n: 0, hits: 0 };
    pc.n += 1;
    if (hit) pc.hits += 1;
    perClass.set(p.label, pc);
  }
  const n = preds.length;
  return {
    n,
    top1Accuracy: n === 0 ? 0 : correct / n,
    top1Correct: correct,
    logLoss: n === 0 ? 0 : logLoss / n,
    brier: n === 0 ? 0 : brier / n,
    noneTopRate: n === 0 ? 0 : noneTop / n,
    reliability: bins.map((b) => ({
      lo: b.lo,
      hi: b.hi,
      n: b.n,
      meanConfidence: b.n === 0 ? null : b.conf / b.n,
      accuracy: b.n === 0 ? null : b.hits / b.n,
    })),
    perClass: [...perClass.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([label, v]) => ({ label, n: v.n, accuracy: v.hits / v.n })),
    confusion,
  };
}

/**
 * Grouped k-fold cross-validation of identification from (apogee, range): groups (salvos) are shuffled with
 * the `rng` passed in and dealt round-robin into k folds, so launches of one salvo — often identical rows —
 * never sit on both sides. For each fold, class envelopes are fitted on the training rows only
 * (`fitEnvelopes`), the prior is uniform over the classes seen in training or their training frequency
 * (Laplace-smoothed), "none" keeps `nonePrior` (default 0.05, as in `identify`), and the held-out rows are
 * scored. A class absent from a fold's training rows cannot be predicted in that fold (counted as errors).
 * Validity: needs at least k groups. Deterministic for a given rng seed.
 */
export function crossValidateIdentification(
  rows: readonly CalibrationRow[],
  options: {
    readonly rng: Rng;
    readonly folds?: number;
    readonly prior?: 'uniform' | 'training-frequency';
    readonly nonePrior?: number;
  },
): CrossValidationReport {
  const k = options.folds ?? 5;
  const priorKind = options.prior ?? 'uniform';
  const nonePrior = options.nonePrior ?? 0.05;
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  if (!Number.isInteger(k) || k < 2 || groups.length < k) {
    throw new RangeError(`cross-validation needs an integer k >= 2 and at least k groups (k = ${String(k)})`);
  }
  // Fisher–Yates with the injected rng
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(options.rng.next() * (i + 1));
    const gi = groups[i] ?? '';
    groups[i] = groups[j] ?? '';
    groups[j] = gi;
  }
  const foldOf = new Map(groups.map((g, i) => [g, i % k]));
  const preds: Prediction[] = [];
  const basePreds: Prediction[] = [];
  for (let f = 0; f < k; f++) {
    const train = rows.filter((r) => foldOf.get(r.group) !== f);
    const test = rows.filter((r) => foldOf.get(r.group) === f);
    const models = fitEnvelopes(train);
    const counts = models.map((m) => train.filter((r) => r.label === m.id).length);
    const freq = counts.map((c) => (c + 1) / (train.length + models.length));
    const weights = priorKind === 'uniform' ? models.map(() => 1 / models.length) : freq;
    const priors = weights.map((w) => w * (1 - nonePrior));
    preds.push(...predict(models, priors, nonePrior, test));
    for (const r of test) {
      const probs = new Map<string, number>(models.map((m, i) => [m.id, (freq[i] ?? 0) * (1 - nonePrior)]));
      probs.set('none', nonePrior);
      basePreds.push({ label: r.label, probs });
    }
  }
  const metrics = scorePredictions(preds);
  const base = scorePredictions(basePreds);
  return {
    ...metrics,
    folds: k,
    groups: groups.length,
    prior: priorKind,
    baseline: { top1Accuracy: base.top1Accuracy, logLoss: base.logLoss },
  };
}
