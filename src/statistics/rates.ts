import {
  clopperPearsonInterval,
  jeffreysInterval,
  wilsonInterval,
  type BinomialInterval,
} from './intervals.js';

/** The binomial interval methods Salvo offers, by name (for `--method` options and stored findings). */
export const INTERVAL_METHODS = ['wilson', 'jeffreys', 'clopper-pearson'] as const;
export type IntervalMethod = (typeof INTERVAL_METHODS)[number];

export const intervalFunction: Readonly<Record<IntervalMethod, BinomialInterval>> = {
  wilson: wilsonInterval,
  jeffreys: jeffreysInterval,
  'clopper-pearson': clopperPearsonInterval,
};

/** A proportion with its interval, JSON-ready. `rate` is null when there are no trials. */
export interface RateEstimate {
  readonly successes: number;
  readonly trials: number;
  readonly rate: number | null;
  readonly ci95: readonly [number, number];
  readonly method: IntervalMethod;
}

/**
 * x / n with its 95 % interval by the named method (default Wilson). Model: x ~ Binomial(n, p), launches
 * independent with a common p — an assumption that a campaign's salvos (correlated by night, crew, batch)
 * usually break, so read the interval as a lower bound on the real uncertainty.
 * Throws RangeError for invalid counts (a programming bug).
 */
export function rateEstimate(
  successes: number,
  trials: number,
  method: IntervalMethod = 'wilson',
): RateEstimate {
  const { lo, hi } = intervalFunction[method](successes, trials, 0.95);
  return { successes, trials, rate: trials === 0 ? null : successes / trials, ci95: [lo, hi], method };
}

/** One group of a breakdown (by type, launch region, oblast, month ...). */
export interface GroupRate extends RateEstimate {
  readonly group: string;
}

/**
 * Breaks items down by `groupOf` and returns each group's rate of `isSuccess` with its interval, sorted by
 * group key. Items for which `groupOf` returns undefined are left out (e.g. an unattributed type: never
 * substitute the lumped Air Force label for a type).
 */
export function groupRates<T>(
  items: Iterable<T>,
  groupOf: (item: T) => string | undefined,
  isSuccess: (item: T) => boolean,
  method: IntervalMethod = 'wilson',
): GroupRate[] {
  const counts = new Map<string, { x: number; n: number }>();
  for (const item of items) {
    const g = groupOf(item);
    if (g === undefined) continue;
    const c = counts.get(g) ?? { x: 0, n: 0 };
    c.n += 1;
    if (isSuccess(item)) c.x += 1;
    counts.set(g, c);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, { x, n }]) => ({ group, ...rateEstimate(x, n, method) }));
}
