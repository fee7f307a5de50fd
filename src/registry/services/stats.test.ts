import { describe, expect, it } from 'vitest';
import { interceptionTrend, missingDataOf } from './stats.js';

describe('interceptionTrend', () => {
  it('issue-5: with two months the odds ratio per month is the exact odds ratio', () => {
    // Jan: 30 of 40 intercepted (odds 3); Mar: 10 of 40 (odds 1/3): two months apart -> (1/9)^(1/2) per month
    const t = interceptionTrend(
      [
        { key: 'm', month: '2024-01', destroyed: 30, launchedWithKnownDestroyed: 40 },
        { key: 'm', month: '2024-03', destroyed: 10, launchedWithKnownDestroyed: 40 },
      ],
      '2024-01',
    );
    expect(t.oddsRatioPerMonth).toBeCloseTo(1 / 3, 8);
    expect(t.ci95![0]).toBeLessThan(1 / 3);
    expect(t.ci95![1]).toBeGreaterThan(1 / 3);
    expect(t.pValue!).toBeLessThan(1e-4);
  });
  it('says why when there is no estimate', () => {
    expect(
      interceptionTrend(
        [{ key: 'm', month: '2024-01', destroyed: 1, launchedWithKnownDestroyed: 2 }],
        '2024-01',
      ).note,
    ).toMatch(/fewer than two months/);
    const sep = interceptionTrend(
      [
        { key: 'm', month: '2024-01', destroyed: 5, launchedWithKnownDestroyed: 5 },
        { key: 'm', month: '2024-02', destroyed: 7, launchedWithKnownDestroyed: 7 },
      ],
      '2024-01',
    );
    expect(sep.oddsRatioPerMonth).toBeNull();
    expect(sep.note).toMatch(/separation/);
  });
});

describe('missingDataOf', () => {
  it('counts launches beyond the incidents as unknown outcomes, and bounds the rate by worst and best case', () => {
    const a = {
      key: 'total',
      count: 21,
      failures: 9,
      knownOutcomes: 21,
      intercepted: 0,
      debrisRecovered: 12,
      debrisKnown: 21,
      failuresWithDebris: 0,
      successesWithDebris: 12,
      killed: 0,
      injured: 0,
    };
    const md = missingDataOf(a, 50);
    expect(md.counts).toMatchObject({ launches: 50, knownFailures: 9, knownSuccesses: 12, unknown: 29 });
    expect(md.bounds[0]).toBeCloseTo(9 / 50, 12);
    expect(md.bounds[1]).toBeCloseTo(38 / 50, 12);
  });
});
