import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCatalogue, type Catalogue } from './catalogue/index.js';
import { parseEvidence, type Evidence } from './features.js';
import { explainFeature, explainTopTwo, formatOdds } from './explain.js';
import { identify, identifyDetailed, METHOD_VERSION } from './identify.js';

const FILE = fileURLToPath(new URL('../../catalogue/salvo-catalogue.json', import.meta.url));
const cat: Catalogue = (() => {
  const r = parseCatalogue(JSON.parse(readFileSync(FILE, 'utf8')));
  if (!r.ok) throw new Error('catalogue');
  return r.value;
})();
const ids = new Set(cat.types.map((t) => t.id));
const evidence = (json: unknown): Evidence => {
  const r = parseEvidence(json, ids);
  if (!r.ok) throw new Error(JSON.stringify(r.error.problems));
  return r.value;
};
const run = (json: unknown, options = {}) => {
  const r = identifyDetailed(cat, evidence(json), options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('identify', () => {
  const kn23 = {
    features: {
      bodyDiameterM: { value: 1.1, sigma: 0.03 },
      rangeKm: { value: 650, sigma: 30 },
      markingScript: 'hangul',
      jetVaneActuators: 'present',
      launchRegion: 'RU-BEL',
    },
  };
  it('ranks KN-23 first for KN-23-like debris and returns exactly the --json shape', () => {
    const r = identify(cat, evidence(kn23));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value).sort()).toEqual(['candidates', 'catalogueVersion', 'nonePosterior']);
    const top = r.value.candidates[0]!;
    expect(Object.keys(top).sort()).toEqual(['aliases', 'contributions', 'id', 'name', 'posterior']);
    expect(top.id).toBe('hwasong-11ga');
    expect(top.posterior).toBeGreaterThan(0.9);
    expect(top.aliases).toContain('KN-23');
    expect(r.value.catalogueVersion).toBe(cat.version);
    const posts = r.value.candidates.map((c) => c.posterior);
    expect([...posts].sort((a, b) => b - a)).toEqual(posts);
  });
  it('explains a feature as odds between two candidates', () => {
    const ev = evidence(kn23);
    const r = run(kn23);
    const s = explainFeature(r, ev, 'bodyDiameterM', 'hwasong-11ga', 'iskander-m-9m723');
    expect(s).toMatch(/^diameter 1\.10 ± 0\.03 m supports KN-23 over Iskander-M by [\d,]+:1$/);
    expect(explainFeature(r, ev, 'markingScript', 'hwasong-11ga', 'hwasong-11na')).toBe(
      'marking script hangul does not distinguish KN-23 from KN-24',
    );
    expect(explainTopTwo(r, ev)).toHaveLength(5);
    expect(formatOdds(38.2)).toBe('38:1');
    expect(formatOdds(2.44)).toBe('2.4:1');
    expect(formatOdds(12345.6)).toBe('12,346:1');
    expect(formatOdds(2e7)).toBe('more than 1,000,000:1');
  });
  it('does not force an unknown object into a class: "none" wins for a 2.5 m × 20 m object', () => {
    const r = run({
      features: { bodyDiameterM: { value: 2.5, sigma: 0.05 }, lengthM: { value: 20, sigma: 0.5 } },
    });
    expect(r.nonePosterior).toBeGreaterThan(0.9);
  });
  it('spreads the prior over both types of an ambiguous Air Force label', () => {
    const r = run({ features: {}, context: { reportedLabel: 'Iskander-M/KN-23', dataset: 'ua-airforce' } });
    const [a, b, c] = r.candidates;
    expect(new Set([a!.id, b!.id])).toEqual(new Set(['hwasong-11ga', 'iskander-m-9m723']));
    expect(a!.posterior).toBeCloseTo(b!.posterior, 12);
    expect(a!.posterior).toBeCloseTo(0.95 * 0.4, 12);
    expect(c!.posterior).toBeCloseTo((0.95 * 0.2) / (cat.types.length - 2), 12);
    expect(r.methodVersion).toBe(METHOD_VERSION);
  });
  it('rejects a reported label the catalogue does not know, naming the field', () => {
    const r = identify(cat, evidence({ features: {}, context: { reportedLabel: 'Zircon-X' } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]?.field).toBe('context.reportedLabel');
  });
  it('adds the reconstruction log-likelihoods as a contribution', () => {
    const r = run({
      features: {},
      types: [
        { id: 'hwasong-11ga', logLikelihood: -10 },
        { id: 'iskander-m-9m723', logLikelihood: -14 },
      ],
    });
    const get = (id: string) =>
      r.candidates.find((c) => c.id === id)!.contributions.find((c) => c.feature === 'reconstruction')!.logLR;
    expect(get('hwasong-11ga') - get('iskander-m-9m723')).toBeCloseTo(4, 12);
    expect(get('kh-101')).toBeCloseTo(0, 12);
    expect(r.candidates[0]!.id).toBe('hwasong-11ga');
  });
  it('property: posteriors and none sum to 1, stay in [0, 1], and are sorted', () => {
    const features = fc.record(
      {
        bodyDiameterM: fc.double({ min: 0.05, max: 3, noNaN: true }),
        lengthM: fc.double({ min: 0.5, max: 30, noNaN: true }),
        rangeKm: fc.double({ min: 0, max: 6000, noNaN: true }),
        apogeeKm: fc.double({ min: 0, max: 500, noNaN: true }),
        flightTimeS: fc.double({ min: 1, max: 20000, noNaN: true }),
        maxSpeedMps: fc.double({ min: 10, max: 4000, noNaN: true }),
        markingScript: fc.constantFrom('latin', 'cyrillic', 'hangul', 'other'),
        manoeuvre: fc.constantFrom('none', 'pull-up', 'glide'),
        jetVaneActuators: fc.constantFrom('present', 'absent', 'unknown'),
        launchRegion: fc.constantFrom('RU-BEL', 'RU-VOR', 'UA-43', 'RU-TAM', 'KP-01'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(features, (f) => {
        const r = run({ features: f });
        const total = r.candidates.reduce((s, c) => s + c.posterior, 0) + r.nonePosterior;
        expect(Math.abs(total - 1)).toBeLessThan(1e-9);
        for (const c of r.candidates) {
          expect(c.posterior).toBeGreaterThanOrEqual(0);
          expect(c.posterior).toBeLessThanOrEqual(1);
        }
        for (let i = 1; i < r.candidates.length; i++) {
          expect(r.candidates[i - 1]!.posterior).toBeGreaterThanOrEqual(r.candidates[i]!.posterior);
        }
      }),
      { numRuns: 100 },
    );
  });
  it('property: a feature whose figure a type lacks contributes nothing to that type', () => {
    // the KN-25 entry has no length figure
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 30, noNaN: true }), (len) => {
        const r = run({ features: { lengthM: len } });
        const c = r.candidates.find((x) => x.id === 'kn-25')!;
        expect(c.contributions).toEqual([{ feature: 'lengthM', logLR: 0 }]);
      }),
      { numRuns: 20 },
    );
  });
});

describe('issue-5: parseEvidence names every bad field', () => {
  it('reports unknown features, text values, negative diameters, bad sigma and bad vocabulary', () => {
    const r = parseEvidence(
      {
        features: {
          diameter: 1.1,
          bodyDiameterM: -1.1,
          lengthM: '7.5 m',
          rangeKm: { value: 300, sigma: 0, unit: 'km' },
          markingScript: 'arabic',
          launchRegion: 'Belgorod',
        },
        types: [{ id: 'no-such-type', logLikelihood: 0 }],
        extra: 1,
      },
      ids,
      'f.json',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    const fields = (r.error.problems ?? []).map((p) => p.field);
    expect(fields).toEqual([
      'extra',
      'features.diameter',
      'features.bodyDiameterM',
      'features.lengthM',
      'features.rangeKm.unit',
      'features.rangeKm.sigma',
      'features.markingScript',
      'features.launchRegion',
      'types[0].id',
    ]);
    expect(r.error.problems?.[1]?.reason).toContain('did you mean "bodyDiameterM"');
    expect(r.error.problems?.every((p) => p.file === 'f.json')).toBe(true);
  });
  it('applies and records the default sigma for a bare number', () => {
    const e = evidence({ features: { rangeKm: 600, bodyDiameterM: { value: 0.92, sigma: 0.01 } } });
    expect(e.features.continuous.rangeKm).toEqual({ value: 600, sigma: 30, sigmaDefaulted: true });
    expect(e.features.continuous.bodyDiameterM).toEqual({ value: 0.92, sigma: 0.01, sigmaDefaulted: false });
  });
});
