import { describe, expect, it } from 'vitest';
import { ellipsePolygon } from '../../src/reconstruction/geojson.js';
import { geodesicInverse } from '../../src/geodesy/index.js';
import { lowerBound, pointSetOf, rangeOf } from '../../src/web/src/data/points.js';
import { arc, ellipseRing } from '../../src/web/src/map/geometry.js';
import { failureRate, interceptionRate } from '../../src/web/src/stats/rates.js';
import { binPoints, nightsOf } from '../../src/web/src/timeline/bins.js';

/** issue-7: the web UI's pure parts (no browser): time windows, bins, nights, rate bounds, display ellipses. */

const H = 3_600_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');
const ps = pointSetOf({
  id: ['c', 'a', 'b', 'd', 'e'],
  t: [T0 + 5 * H, T0 + 1 * H, T0 + 3 * H, T0 + 30 * H, T0 + 31 * H],
  lon: [36, 35, null, 30, 31],
  lat: [50, 49, null, 46, 47],
  precisionM: [100, null, 5000, 10, 20],
  outcome: ['impact', 'intercepted', 'airburst', 'nonsense', 'unknown'],
  type: ['hwasong-11ga', null, 'hwasong-11ga', 'iskander-m-9m723', null],
});

describe('issue-7: web data model', () => {
  it('sorts by time, keeps ids with their rows, maps outcomes and types to indices', () => {
    expect(ps.id).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...ps.t].map((t) => (t - T0) / H)).toEqual([1, 3, 5, 30, 31]);
    expect(Number.isNaN(ps.lon[1]!)).toBe(true);
    expect(ps.types).toEqual(['hwasong-11ga', 'iskander-m-9m723']);
    expect([...ps.type]).toEqual([-1, 0, 0, 1, -1]);
    // an outcome the UI does not know is shown as unknown, never dropped
    expect(ps.outcome[3]).toBe(4);
  });

  it('a time window is an index range: [from, to) by binary search', () => {
    expect(rangeOf(ps, null)).toEqual([0, 5]);
    expect(rangeOf(ps, { from: T0 + 3 * H, to: T0 + 30 * H })).toEqual([1, 3]);
    expect(rangeOf(ps, { from: T0 + 100 * H, to: T0 + 200 * H })).toEqual([5, 5]);
    expect(lowerBound(ps.t, -Infinity)).toBe(0);
  });

  it('bins count every incident once, per category', () => {
    for (const by of ['outcome', 'type'] as const) {
      const b = binPoints(ps, by);
      expect(b.bins.reduce((s, x) => s + x.count, 0)).toBe(ps.n);
      expect(b.extent.from).toBeLessThanOrEqual(ps.t[0]!);
      expect(b.extent.to).toBeGreaterThan(ps.t[ps.n - 1]!);
    }
  });

  it('nights run 12:00 to 12:00 UTC, so an overnight attack is one night', () => {
    const nights = nightsOf(ps);
    expect(nights.map((n) => n.count)).toEqual([3, 2]);
    expect(new Date(nights[0]!.from).toISOString()).toBe('2023-12-31T12:00:00.000Z');
    expect(new Date(nights[1]!.from).toISOString()).toBe('2024-01-01T12:00:00.000Z');
    expect(nights[1]!.first).toBe(T0 + 30 * H);
  });
});

describe('issue-7: rates are drawn with intervals and missing-data bounds', () => {
  const g = {
    key: 'x',
    count: 10,
    failures: 3,
    knownOutcomes: 6,
    failureRate: 0.5,
    ci95: [0.19, 0.81] as [number, number],
    intercepted: 1,
    debrisRecovered: 2,
    debrisKnown: 5,
    killed: 0,
    injured: 0,
  };
  it('failure bounds: every unknown a success, then every unknown a failure (Manski)', () => {
    const r = failureRate(g);
    expect(r.bounds).toEqual([0.3, 0.7]);
    expect(r.rate).toBe(0.5);
    expect(r.boundsFrom).toBe('counts');
    expect(failureRate({ ...g, missingData: { bounds: [0.25, 0.75] } }).bounds).toEqual([0.25, 0.75]);
  });
  it('interception bounds from launched, destroyed and launched-with-known-destroyed', () => {
    const r = interceptionRate({
      key: 'm',
      rows: 3,
      launched: 20,
      destroyed: 10,
      launchedWithKnownDestroyed: 15,
      interceptionRate: 10 / 15,
      ci95: [0.42, 0.85],
    });
    expect(r.bounds).toEqual([0.5, 0.75]);
    expect(r.n).toBe(15);
    expect(r.total).toBe(20);
  });
});

describe('issue-7: display geometry', () => {
  it("the browser's fallback ellipse is within 5e-8·a² m of the geodesic one (sub-pixel when on screen)", () => {
    for (const a of [100, 1000, 3000, 10_000]) {
      const e = { semiMajorM: a, semiMinorM: 0.4 * a, orientationDeg: 23 };
      const ours = ellipseRing(51.45, 35.95, e, 72);
      const exact = ellipsePolygon(51.45, 35.95, e, 72);
      expect(ours).toHaveLength(exact.length);
      for (let i = 0; i < ours.length; i++) {
        const [lo0, la0] = ours[i]!;
        const [lo1, la1] = exact[i]! as [number, number];
        const d = geodesicInverse(la0, lo0, la1, lo1).distanceM;
        expect(d).toBeLessThan(5e-8 * a * a + 1e-6);
        // the whole ellipse on a 400 px map: a pixel is about a / 200
        expect(d).toBeLessThan(a / 200);
      }
    }
  });
  it('arcs start at the launch point and end at the impact', () => {
    const a = arc(36, 51, 34.5, 49.6);
    expect(a[0]).toEqual([36, 51]);
    expect(a[a.length - 1]![0]).toBeCloseTo(34.5, 12);
    expect(a[a.length - 1]![1]).toBeCloseTo(49.6, 12);
  });
});
