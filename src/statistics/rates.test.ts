import { describe, expect, it } from 'vitest';
import { groupRates, rateEstimate } from './rates.js';
import { wilsonInterval } from './intervals.js';

describe('rateEstimate / groupRates', () => {
  it('returns a JSON-ready rate with its interval', () => {
    const r = rateEstimate(81, 263);
    const w = wilsonInterval(81, 263);
    expect(r).toEqual({ successes: 81, trials: 263, rate: 81 / 263, ci95: [w.lo, w.hi], method: 'wilson' });
    expect(rateEstimate(0, 0, 'jeffreys')).toEqual({
      successes: 0,
      trials: 0,
      rate: null,
      ci95: [0, 1],
      method: 'jeffreys',
    });
  });
  it('breaks down by group, sorted, leaving out items without a group', () => {
    const items = [
      { type: 'kn-23', ok: true },
      { type: 'kn-23', ok: false },
      { type: undefined, ok: true },
      { type: 'iskander-m', ok: true },
    ];
    const g = groupRates(
      items,
      (i) => i.type,
      (i) => i.ok,
    );
    expect(g.map((x) => [x.group, x.successes, x.trials])).toEqual([
      ['iskander-m', 1, 1],
      ['kn-23', 1, 2],
    ]);
  });
});
