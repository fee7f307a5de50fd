import type { ErrorRate } from './model.js';

/**
 * Documented error rates, quoted from docs/accuracy/*.md (measured by the benches named there). Each entry's
 * `checks` are strings that must appear verbatim in its source file: a test fails when the document changes
 * and this quotation goes stale.
 */
export const ERROR_RATES: readonly (ErrorRate & { readonly checks: readonly string[] })[] = [
  {
    topic: 'Launch point, radar that sees the late boost (200 Monte Carlo runs, right template)',
    figure:
      'RMS launch error 31.8 m against a Cramér–Rao bound of 31.9 m; 95 % ellipse coverage 92.5 % ± 1.9',
    source: 'docs/accuracy/reconstruction.md',
    checks: ['31.8', '31.9', '92.5 % ± 1.9'],
  },
  {
    topic: 'Launch point, radar that sees only the coast from 300–500 km',
    figure: 'RMS launch error 185.2 m against a Cramér–Rao bound of 192.3 m; coverage 95.5 % ± 1.5',
    source: 'docs/accuracy/reconstruction.md',
    checks: ['185.2', '192.3', '95.5 % ± 1.5'],
  },
  {
    topic: 'Launch point, sparse optical sightings plus the impact point',
    figure: 'RMS launch error 87.4 m against a Cramér–Rao bound of 89.7 m; coverage 93.5 % ± 1.7',
    source: 'docs/accuracy/reconstruction.md',
    checks: ['87.4', '89.7', '93.5 % ± 1.7'],
  },
  {
    topic: 'Launch point under an unmodelled manoeuvre (pull-up 1 m/s² for 20 s)',
    figure:
      'detected by the manoeuvre check in 100 % of runs (late boost seen; coast only); the expanded fit reported: RMS launch error 35.9 m and 268.8 m, ellipse coverage 95.0 % ± 2.2 and 96.0 % ± 2.0 (the nominal fit: 0.0 %)',
    source: 'docs/accuracy/reconstruction.md',
    checks: ['35.9', '268.8', '95.0 % ± 2.2', '96.0 % ± 2.0', '100.0 %'],
  },
  {
    topic: 'Type from apogee and distance alone (CNS DPRK tests, grouped 5-fold cross-validation)',
    figure:
      'top-1 accuracy 60.7 % (51.8–68.9 %) with a uniform prior, 67.2 % (58.5–74.9 %) with the training-frequency prior',
    source: 'docs/accuracy/identification.md',
    checks: ['60.7 % (51.8–68.9 %)', '67.2 % (58.5–74.9 %)'],
  },
];

/** The quoted rates without the test's check strings. */
export const documentedErrorRates = (): ErrorRate[] =>
  ERROR_RATES.map(({ topic, figure, source }) => ({ topic, figure, source }));
