import { describe, expect, it } from 'vitest';
import { seededRng } from '../kernel/index.js';
import { crossValidateIdentification, fitEnvelopes, type CalibrationRow } from './calibration.js';

const rows = (label: string, apogee: number, range: number, n: number): CalibrationRow[] =>
  Array.from({ length: n }, (_, i) => ({
    label,
    group: `${label}-${String(i)}`,
    apogeeKm: apogee + (i % 5) * 2,
    rangeKm: range + (i % 7) * 10,
  }));

describe('fitEnvelopes', () => {
  it('widens the sample range by (max − min)/(n − 1) at each end', () => {
    const [m] = fitEnvelopes([
      { label: 'a', group: '1', apogeeKm: 10, rangeKm: 100 },
      { label: 'a', group: '2', apogeeKm: 20, rangeKm: 300 },
      { label: 'a', group: '3', apogeeKm: 30, rangeKm: 200 },
    ]);
    expect(m!.envelopes.apogeeKm).toEqual({ min: 0, max: 40 });
    expect(m!.envelopes.rangeKm).toEqual({ min: 0, max: 400 });
  });
});

describe('crossValidateIdentification', () => {
  const data = [...rows('low', 20, 150, 20), ...rows('high', 300, 1500, 20)];
  it('separates well-separated classes with accuracy 1 and a small log-loss', () => {
    const r = crossValidateIdentification(data, { rng: seededRng(1), folds: 5 });
    expect(r.top1Accuracy).toBe(1);
    expect(r.logLoss).toBeLessThan(0.1);
    expect(r.n).toBe(40);
    expect(r.reliability.reduce((s, b) => s + b.n, 0)).toBe(40);
    expect(r.baseline.top1Accuracy).toBeLessThanOrEqual(0.55);
  });
  it('is reproducible for a seed', () => {
    const a = crossValidateIdentification(data, { rng: seededRng(7), folds: 4, prior: 'training-frequency' });
    const b = crossValidateIdentification(data, { rng: seededRng(7), folds: 4, prior: 'training-frequency' });
    expect(a).toEqual(b);
  });
  it('refuses fewer groups than folds', () => {
    expect(() => crossValidateIdentification(data.slice(0, 3), { rng: seededRng(1), folds: 5 })).toThrow(
      RangeError,
    );
  });
});
